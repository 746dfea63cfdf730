namespace ComparisonGrid.Analysis.Text;

/// <summary>
/// Finds every occurrence of many patterns in one pass over the text (Aho-Corasick automaton).
/// Built once from immutable data and only read afterwards, so one instance serves all threads.
/// </summary>
public sealed class AhoCorasick<T>
{
    private readonly List<Dictionary<char, int>> _next = [];
    private readonly List<int> _fail = [];
    private readonly List<List<(int Length, T Value)>> _outputs = [];

    // Characters that occur in no pattern send the automaton to its root without a dictionary lookup.
    private readonly bool[] _alphabet = new bool[char.MaxValue + 1];

    public AhoCorasick(IEnumerable<(string Pattern, T Value)> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        NewNode();
        foreach (var (pattern, value) in patterns)
        {
            if (pattern.Length == 0)
            {
                continue;
            }
            var node = 0;
            foreach (var c in pattern)
            {
                _alphabet[c] = true;
                if (!_next[node].TryGetValue(c, out var child))
                {
                    child = NewNode();
                    _next[node][c] = child;
                }
                node = child;
            }
            _outputs[node].Add((pattern.Length, value));
        }
        var queue = new Queue<int>();
        foreach (var child in _next[0].Values)
        {
            queue.Enqueue(child);
        }
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in _next[node])
            {
                var f = _fail[node];
                while (f != 0 && !_next[f].ContainsKey(c))
                {
                    f = _fail[f];
                }
                _fail[child] = _next[f].TryGetValue(c, out var target) && target != child ? target : 0;
                _outputs[child].AddRange(_outputs[_fail[child]]);
                queue.Enqueue(child);
            }
        }
    }

    /// <summary>All matches, as (start, length, value), in order of their end position.</summary>
    public IEnumerable<(int Start, int Length, T Value)> FindAll(string text, int from = 0, int to = -1)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = to < 0 ? text.Length : to;
        var node = 0;
        for (var i = from; i < end; i++)
        {
            var c = text[i];
            if (!_alphabet[c])
            {
                node = 0;
                continue;
            }
            while (true)
            {
                if (_next[node].TryGetValue(c, out var n))
                {
                    node = n;
                    break;
                }
                if (node == 0)
                {
                    break;
                }
                node = _fail[node];
            }
            foreach (var (length, value) in _outputs[node])
            {
                yield return (i - length + 1, length, value);
            }
        }
    }

    /// <summary>Leftmost-longest matches that do not overlap, scanning left to right.</summary>
    public List<(int Start, int Length, T Value)> FindLongestNonOverlapping(string text, int from = 0, int to = -1)
    {
        var all = FindAll(text, from, to).ToList();
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

    private int NewNode()
    {
        _next.Add([]);
        _fail.Add(0);
        _outputs.Add([]);
        return _next.Count - 1;
    }
}
