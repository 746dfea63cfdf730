namespace ComparisonGrid.Analysis.Text;

/// <summary>
/// Finds every occurrence of many patterns in one pass over the text (Aho-Corasick automaton).
/// Built once from immutable data and only read afterwards, so one instance serves all threads.
/// </summary>
/// <remarks>
/// The trie is flattened into arrays: a dense table for the root, where most steps of a scan over
/// Chinese text land, and short sorted edge runs for deeper nodes, which rarely have more than a few
/// children. A dense table for every node would not fit the 3,000-name region automaton.
/// </remarks>
public sealed class AhoCorasick<T>
{
    private readonly int[] _rootNext = new int[char.MaxValue + 1];
    private readonly int[] _edgeStart;
    private readonly char[] _edgeChar;
    private readonly int[] _edgeTarget;
    private readonly int[] _fail;
    private readonly int[] _outputStart;
    private readonly (int Length, T Value)[] _outputs;

    public AhoCorasick(IEnumerable<(string Pattern, T Value)> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var next = new List<SortedDictionary<char, int>> { new() };
        var outputs = new List<List<(int Length, T Value)>> { new() };
        foreach (var (pattern, value) in patterns)
        {
            if (pattern.Length == 0)
            {
                continue;
            }
            var node = 0;
            foreach (var c in pattern)
            {
                if (!next[node].TryGetValue(c, out var child))
                {
                    child = next.Count;
                    next.Add([]);
                    outputs.Add([]);
                    next[node][c] = child;
                }
                node = child;
            }
            outputs[node].Add((pattern.Length, value));
        }

        var count = next.Count;
        _edgeStart = new int[count + 1];
        _edgeChar = new char[count - 1];
        _edgeTarget = new int[count - 1];
        var edge = 0;
        for (var node = 0; node < count; node++)
        {
            _edgeStart[node] = edge;
            foreach (var (c, child) in next[node])
            {
                _edgeChar[edge] = c;
                _edgeTarget[edge++] = child;
            }
        }
        _edgeStart[count] = edge;
        foreach (var (c, child) in next[0])
        {
            _rootNext[c] = child;
        }

        // Breadth first, so a node's fail target is final before its children need it.
        _fail = new int[count];
        var queue = new Queue<int>(next[0].Values);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in next[node])
            {
                _fail[child] = node == 0 ? 0 : Step(_fail[node], c);
                outputs[child].AddRange(outputs[_fail[child]]);
                queue.Enqueue(child);
            }
        }

        _outputStart = new int[count + 1];
        _outputs = new (int, T)[outputs.Sum(o => o.Count)];
        var o = 0;
        for (var node = 0; node < count; node++)
        {
            _outputStart[node] = o;
            foreach (var output in outputs[node])
            {
                _outputs[o++] = output;
            }
        }
        _outputStart[count] = o;
    }

    /// <summary>All matches, as (start, length, value), in order of their end position.</summary>
    public List<(int Start, int Length, T Value)> FindAll(string text, int from = 0, int to = -1)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = to < 0 ? text.Length : to;
        var found = new List<(int Start, int Length, T Value)>();
        var node = 0;
        for (var i = from; i < end; i++)
        {
            node = Step(node, text[i]);
            for (var k = _outputStart[node]; k < _outputStart[node + 1]; k++)
            {
                var (length, value) = _outputs[k];
                found.Add((i - length + 1, length, value));
            }
        }
        return found;
    }

    /// <summary>Leftmost-longest matches that do not overlap, scanning left to right.</summary>
    public List<(int Start, int Length, T Value)> FindLongestNonOverlapping(string text, int from = 0, int to = -1)
    {
        var all = FindAll(text, from, to);
        all.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var result = new List<(int Start, int Length, T Value)>();
        var covered = from;
        foreach (var m in all)
        {
            if (m.Start >= covered)
            {
                result.Add(m);
                covered = m.Start + m.Length;
            }
        }
        return result;
    }

    private int Step(int node, char c)
    {
        while (node != 0)
        {
            var child = Child(node, c);
            if (child != 0)
            {
                return child;
            }
            node = _fail[node];
        }
        return _rootNext[c];
    }

    private int Child(int node, char c)
    {
        var lo = _edgeStart[node];
        var hi = _edgeStart[node + 1] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var m = _edgeChar[mid];
            if (m == c)
            {
                return _edgeTarget[mid];
            }
            if (m < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return 0;
    }
}
