using System.Globalization;

namespace DanVan.Bench.Benchmarks.Data;

/// <summary>This process's memory as Linux reports it (/proc/self/status), and the managed heap sampled while
/// something runs.</summary>
internal static class ProcessMemory
{
    /// <summary>Resets the peak resident set (VmHWM) to the current one: "5" to /proc/self/clear_refs. False where
    /// the kernel does not offer it.</summary>
    public static bool ResetPeak() => ResetPeak("self");

    /// <summary>The peak resident set since the last reset (VmHWM), in MB.</summary>
    public static double PeakMb() => StatusMb("VmHWM:");

    /// <summary>The resident set now (VmRSS), in MB.</summary>
    public static double ResidentMb() => StatusMb("VmRSS:");

    /// <summary>A line of /proc/PID/status ("self" for this process) in MB; NaN when it cannot be read.</summary>
    public static double StatusMb(string key, string pid = "self")
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status")
                .FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            // "VmHWM:	  123456 kB"
            return line is null
                ? double.NaN
                : double.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>Resets a process's peak resident set (VmHWM) to its current one: "5" to /proc/PID/clear_refs.</summary>
    public static bool ResetPeak(string pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The middle value of timings taken in turn (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A collected heap to measure from: full blocking collections until finalizers are done.</summary>
    public static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>The largest managed heap seen while it runs: <see cref="GC.GetTotalMemory(bool)"/> (what is allocated,
/// garbage not yet collected included, so an upper bound) every 2 ms on a thread of its own.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Thread thread;
    private volatile bool stop;
    private long peak;

    public HeapSampler()
    {
        peak = GC.GetTotalMemory(false);
        thread = new Thread(Run) { IsBackground = true, Name = "heap sampler" };
        thread.Start();
    }

    public long Peak => Math.Max(Interlocked.Read(ref peak), GC.GetTotalMemory(false));

    private void Run()
    {
        while (!stop)
        {
            var now = GC.GetTotalMemory(false);
            if (now > Interlocked.Read(ref peak))
            {
                Interlocked.Exchange(ref peak, now);
            }

            Thread.Sleep(2);
        }
    }

    public void Dispose()
    {
        stop = true;
        thread.Join();
    }
}
