using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Membership;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Runtime.Tests;

/// <summary>Membership against a real PostgreSQL: joining, heartbeats, suspicion votes, death, and no return.</summary>
public sealed class MembershipTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan DeathTimeout = TimeSpan.FromMilliseconds(300);

    private async Task<(MembershipTable Table, Func<string, Task<MembershipAgent>> Join)> ClusterAsync(TimeSpan? heartbeat = null)
    {
        // A database of its own per test, so the tests' silos never vote on each other.
        var database = $"m_{Guid.NewGuid():N}";
        await using (var admin = new Npgsql.NpgsqlConnection(server.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var table = await MembershipTable.OpenAsync(server.ConnectionString(database), default);
        return (table, async address =>
        {
            var options = Options.Create(new GrainRuntimeOptions
            {
                SiloAddress = address,
                DeathTimeout = DeathTimeout,
                VotesToDeclareDead = 2,
                HeartbeatInterval = heartbeat ?? TimeSpan.FromSeconds(2),
            });
            var agent = new MembershipAgent(table, new MembershipView(table), options, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), NullLogger<MembershipAgent>.Instance);
            await agent.StartAsync(default);
            return agent;
        });
    }

    private static SiloEntry Entry(IReadOnlyList<SiloEntry> all, MembershipAgent agent) => all.Single(s => s.SiloId == agent.SiloId);

    [Fact]
    public async Task Silos_join_as_active_members_with_an_identity_of_their_own()
    {
        var (table, join) = await ClusterAsync();
        await using var _ = table;
        var a = await join("http://127.0.0.1:7001");
        var again = await join("http://127.0.0.1:7001");
        var all = await table.ReadAllAsync(default);
        Assert.Equal(2, all.Count);
        Assert.All(all, s => Assert.Equal(SiloStatus.Active, s.Status));
        Assert.NotEqual(a.SiloId, again.SiloId);
        await a.StopAsync(default);
        await again.StopAsync(default);
    }

    [Fact]
    public async Task A_silent_silo_is_declared_dead_by_two_votes_and_can_never_come_back()
    {
        var (table, join) = await ClusterAsync();
        await using var _ = table;
        var a = await join("http://127.0.0.1:7001");
        var b = await join("http://127.0.0.1:7002");
        var c = await join("http://127.0.0.1:7003");
        await Task.Delay(DeathTimeout * 2);
        // C stays silent. A's vote alone is not enough …
        await a.BeatAndProbeAsync(default);
        var afterOne = Entry(await table.ReadAllAsync(default), c);
        Assert.Equal(SiloStatus.Active, afterOne.Status);
        Assert.Equal([a.SiloId!], afterOne.SuspectedBy);
        // … B's makes two. (B was silent too, but A's heartbeat round voted against it only once.)
        await b.BeatAndProbeAsync(default);
        var all = await table.ReadAllAsync(default);
        Assert.Equal(SiloStatus.Dead, Entry(all, c).Status);
        Assert.Equal(SiloStatus.Active, Entry(all, a).Status);
        Assert.Equal(SiloStatus.Active, Entry(all, b).Status);
        Assert.Empty(Entry(all, b).SuspectedBy);

        await Assert.ThrowsAsync<SiloDeclaredDeadException>(() => c.BeatAndProbeAsync(default));
        await Assert.ThrowsAsync<SiloDeclaredDeadException>(() => table.SetStatusAsync(c.SiloId!, SiloStatus.Active, default));
        Assert.Equal(SiloStatus.Dead, Entry(await table.ReadAllAsync(default), c).Status);
    }

    [Fact]
    public async Task Votes_cast_at_the_same_time_on_the_same_row_cannot_both_land()
    {
        var (table, join) = await ClusterAsync();
        await using var _ = table;
        var suspect = await join("http://127.0.0.1:7009");
        var row = Entry(await table.ReadAllAsync(default), suspect);
        var landed = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => table.SuspectAsync($"voter-{i}", row, 5, default)));
        Assert.Single(landed, ok => ok);
        Assert.Single(Entry(await table.ReadAllAsync(default), suspect).SuspectedBy);
    }

    [Fact]
    public async Task With_one_other_silo_alive_its_vote_is_enough_and_a_graceful_stop_ends_dead()
    {
        var (table, join) = await ClusterAsync();
        await using var _ = table;
        var a = await join("http://127.0.0.1:7001");
        var b = await join("http://127.0.0.1:7002");
        await Task.Delay(DeathTimeout * 2);
        await a.BeatAndProbeAsync(default);
        Assert.Equal(SiloStatus.Dead, Entry(await table.ReadAllAsync(default), b).Status);
        await a.StopAsync(default);
        Assert.Equal(SiloStatus.Dead, Entry(await table.ReadAllAsync(default), a).Status);
    }
}
