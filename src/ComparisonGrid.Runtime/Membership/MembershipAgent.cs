using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Runtime.Membership;

/// <summary>
/// A clustered silo's side of membership: joins at start (joining, then active), heartbeats, votes against
/// silos whose heartbeat went stale, and leaves on stop (shutting down, then dead). Declared dead by the others,
/// it stops its host: a dead silo never comes back under the same identity.
/// </summary>
public sealed partial class MembershipAgent(MembershipTable table, MembershipView view, IOptions<GrainRuntimeOptions> options,
    IHostApplicationLifetime lifetime, ILogger<MembershipAgent> logger, IMembershipDrain? drain = null, ISiloReportSource? reports = null,
    ISiloProbe? probe = null) : BackgroundService
{
    private readonly GrainRuntimeOptions _options = options.Value;

    private long _lastRound;

    public string? SiloId { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = _options.SiloAddress ?? throw new InvalidOperationException("a clustered silo needs ComparisonGrid:SiloAddress");
        SiloId = await table.JoinAsync(address, _options.GatewayAddress, cancellationToken).ConfigureAwait(false);
        view.Joined(SiloId);
        try
        {
            await CheckAcceptedAsync(address, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            await LeaveRefusedAsync(SiloId).ConfigureAwait(false);
            throw;
        }
        await table.SetStatusAsync(SiloId, SiloStatus.Active, cancellationToken).ConfigureAwait(false);
        view.Update(await table.ReadAllAsync(cancellationToken).ConfigureAwait(false));
        _lastRound = Environment.TickCount64;
        LogJoined(logger, SiloId);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A joining silo becomes active only once an active member took its connection (its certificate is from the
    /// cluster's authority, and it trusts the member's). Members that do not answer may be dead and not declared so
    /// yet: the check goes on, reading the table, until the death timeout has passed twice.
    /// </summary>
    private async Task CheckAcceptedAsync(string self, CancellationToken cancellationToken)
    {
        if (probe is null)
        {
            return;
        }
        var until = DateTimeOffset.UtcNow + 2 * _options.DeathTimeout + 2 * _options.HeartbeatInterval;
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var members = (await table.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                .Where(s => s.Status == SiloStatus.Active && s.Address != self).ToList();
            if (members.Count == 0)
            {
                return;
            }
            foreach (var member in members)
            {
                if (await probe.ProbeAsync(member.Address, cancellationToken).ConfigureAwait(false) is not { } failure)
                {
                    return;
                }
                failures[member.Address] = failure;
            }
            if (DateTimeOffset.UtcNow > until)
            {
                throw new InvalidOperationException("cannot join the cluster: no active silo accepted this silo's connection (" +
                    string.Join("; ", failures.Select(f => $"{f.Key}: {f.Value}")) +
                    "); each silo needs a certificate from the cluster's authority (ComparisonGrid:SiloCertificatePath, ClusterAuthorityPath)");
            }
            await Task.Delay(_options.HeartbeatInterval, cancellationToken).ConfigureAwait(false);
            // Still joining, but alive: the members must not declare this silo dead while it waits for them.
            await table.HeartbeatAsync(SiloId!, cancellationToken).ConfigureAwait(false);
        }
    }

    // A refused silo leaves a dead row behind, never a joining one that placement or operators would wonder about.
    private async Task LeaveRefusedAsync(string siloId)
    {
        try
        {
            await table.SetStatusAsync(siloId, SiloStatus.Dead, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SiloDeclaredDeadException)
        {
            // The members declared it dead already.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await BeatAndProbeAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (StoreFaults.IsUnavailable(e))
                {
                    // The table is unreachable: keep serving and try again next round; Npgsql reconnects by itself.
                    LogUnreachable(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (SiloDeclaredDeadException e)
        {
            LogDeclaredDead(logger, e.Message);
            lifetime.StopApplication();
        }
    }

    /// <summary>One round: our heartbeat, then a vote against every other living silo that has gone quiet.</summary>
    public async Task BeatAndProbeAsync(CancellationToken cancellationToken)
    {
        var self = SiloId ?? throw new InvalidOperationException("the silo has not joined");
        await table.HeartbeatAsync(self, cancellationToken).ConfigureAwait(false);
        await PublishReportAsync(self, cancellationToken).ConfigureAwait(false);
        var silos = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        view.Update(silos);
        var previous = _lastRound;
        _lastRound = Environment.TickCount64;
        // After this silo was cut off from the table (the database restarting), the others were cut off too and
        // their heartbeats are just as old: give them a round to write one before judging them.
        if (_lastRound - previous > 2 * _options.HeartbeatInterval.TotalMilliseconds)
        {
            return;
        }
        var living = silos.Where(s => s.Status is SiloStatus.Joining or SiloStatus.Active).ToList();
        var now = DateTimeOffset.UtcNow;
        foreach (var suspect in living.Where(s => s.SiloId != self && now - s.HeartbeatAt > _options.DeathTimeout))
        {
            // With fewer living voters than the quorum, every other living silo must agree.
            var votes = Math.Max(1, Math.Min(_options.VotesToDeclareDead, living.Count - 1));
            if (await table.SuspectAsync(self, suspect, votes, cancellationToken).ConfigureAwait(false)
                && suspect.SuspectedBy.Append(self).Distinct(StringComparer.Ordinal).Count() >= votes)
            {
                LogDeclared(logger, suspect.SiloId, now - suspect.HeartbeatAt);
            }
        }
    }

    // The operator's figures are a courtesy: failing to publish them never costs a heartbeat round.
    private async Task PublishReportAsync(string self, CancellationToken cancellationToken)
    {
        if (reports is null)
        {
            return;
        }
        try
        {
            await table.PublishReportAsync(self, reports.Report(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not SiloDeclaredDeadException)
        {
            LogReportFailed(logger, e.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (SiloId is null)
        {
            return;
        }
        try
        {
            // Grains are written away before the table says this silo left, so the silo that takes one over
            // reads its latest state; meanwhile callers here are told "moved" and retry.
            if (drain is not null)
            {
                await drain.DrainAsync(cancellationToken).ConfigureAwait(false);
            }
            await table.SetStatusAsync(SiloId, SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false);
            await table.SetStatusAsync(SiloId, SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
            // The silo port stops after this agent (hosted services stop in reverse order). Until every other silo
            // has had a membership round to read that this one left, its callers still send here; meanwhile the
            // port answers "moved" for every grain, instead of refusing the connection and failing the call.
            await Task.Delay(2 * _options.HeartbeatInterval, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (SiloDeclaredDeadException)
        {
            // Declared dead already: nothing left to announce.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "membership table unreachable, heartbeat skipped: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not publish this silo's figures for operators: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "joined the cluster as {SiloId}")]
    private static partial void LogJoined(ILogger logger, string siloId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "declared silo {SiloId} dead: no heartbeat for {Silence}")]
    private static partial void LogDeclared(ILogger logger, string siloId, TimeSpan silence);

    [LoggerMessage(Level = LogLevel.Critical, Message = "this silo was declared dead by the cluster and stops: {Reason}")]
    private static partial void LogDeclaredDead(ILogger logger, string reason);
}
