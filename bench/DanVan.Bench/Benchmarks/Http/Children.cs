using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DanVan.Bench.Benchmarks.Http;

/// <summary>The processes the bench started (the app, wrk, hey) and has not ended yet: killed, with their trees, when
/// the bench is ended by a signal (SIGTERM, e.g. from <c>timeout</c>, or SIGHUP) or exits before it ended them. Ctrl-C
/// cancels the run instead, and each child is ended where it was started.</summary>
internal static class Children
{
    private static readonly HashSet<Process> Live = [];

    private static readonly PosixSignalRegistration[] Signals =
    [
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll()),
        PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => KillAll()),
    ];

    static Children() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    public static void Add(Process process)
    {
        GC.KeepAlive(Signals); // the registrations live as long as the bench
        lock (Live)
        {
            Live.Add(process);
        }
    }

    /// <summary>Kills the child's process tree if it still runs, and forgets it.</summary>
    public static void End(Process process)
    {
        lock (Live)
        {
            Live.Remove(process);
        }

        Kill(process);
    }

    private static void KillAll()
    {
        List<Process> all;
        lock (Live)
        {
            all = [.. Live];
            Live.Clear();
        }

        all.ForEach(Kill);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }
}
