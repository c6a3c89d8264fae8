using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DanVan.Bench.Benchmarks.Data;
using DanVan.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace DanVan.Bench.Benchmarks.Http;

/// <summary>
/// The real app as a user meets it: published to artifacts/bench/app by the bench itself (when the folder is missing,
/// or its DanVan.Web.dll or a static file differs from the one this bench was built with or from
/// src/DanVan.Web/wwwroot) and started as a child process
/// (<c>dotnet DanVan.Web.dll</c>) in the Production environment on a free loopback port, on the generated database.
/// Configuration goes through environment variables only; what Production needs for that:
/// <list type="bullet">
/// <item><c>Urls</c> as well as <c>ASPNETCORE_URLS</c>: appsettings.json's <c>Urls</c> outranks the latter.</item>
/// <item>No HTTPS redirection is in the pipeline (HSTS is a header). Production's cookies are <c>__Host-</c> and
/// Secure, and antiforgery refuses a form over plain HTTP: the bench talks to the app as a TLS-terminating proxy on
/// the same host does, with <c>X-Forwarded-Proto: https</c>, which the app trusts from loopback by default
/// (ForwardedHeadersOptions; other proxies are listed in ReverseProxy:KnownProxies).</item>
/// <item>Data-protection keys live in the database (the generated one has the table).</item>
/// <item>Rate limits apply only to posted sign-in forms (10 a minute per address) and petition tracking: the bench
/// signs in a few times per process and does not load the tracking form.</item>
/// <item><c>Petitions:SweepMinutes=0</c>: the overdue sweep would otherwise mark and escalate the generated petitions
/// against today's clock (the data set's "today" is fixed), writing to the database while it is measured and
/// changing it for the next run.</item>
/// </list>
/// The process tree is killed on dispose, and when the bench itself is ended (<see cref="Children"/>).
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> tail = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => process.Id;

    /// <param name="staticFiles">Whether the app must serve its static files (the page-weight bars); without them
    /// the app's own Release build (src/DanVan.Web/bin/Release) is run when it is the one this bench was built with,
    /// which saves the publish.</param>
    /// <param name="settings">More configuration, as environment variables (<c>ConnectionStrings__ReadOnly</c>).</param>
    /// <param name="port">The loopback port to listen on (a restarted instance behind a proxy keeps its own); a free
    /// one when null.</param>
    public static async Task<AppProcess> StartAsync(
        BenchContext context,
        CancellationToken ct,
        bool staticFiles = true,
        IReadOnlyDictionary<string, string>? settings = null,
        int? port = null
    )
    {
        var built = Path.Combine(context.Options.RepositoryRoot, "src", "DanVan.Web", "bin", "Release", "net10.0");
        var folder = !staticFiles && SameDll(built) ? built : await PublishAsync(context, ct);
        var options = context.Options;
        var url = $"http://127.0.0.1:{port ?? FreePort()}";
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "DanVan.Web.dll"));
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_URLS"] = url;
        environment["Urls"] = url;
        environment["Database__Provider"] = options.ProviderName;
        environment["ConnectionStrings__Default"] = AbsoluteConnectionString(options);
        environment["Database__MigrateOnStartup"] = "false";
        environment["Petitions__SweepMinutes"] = "0";
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, new Uri(url));
        process.OutputDataReceived += (_, e) => app.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => app.Remember(e.Data);
        process.Start();
        Children.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilAnsweringAsync(ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The app's resident set (VmRSS of /proc/PID/status), in MB.</summary>
    public double WorkingSetMegabytes() => Status("VmRSS:");

    /// <summary>The app's peak resident set since <see cref="ResetPeak"/> (VmHWM), in MB.</summary>
    public double PeakWorkingSetMegabytes() => Status("VmHWM:");

    public void ResetPeak()
    {
        if (!ProcessMemory.ResetPeak(Id.ToString(CultureInfo.InvariantCulture)))
        {
            throw new BenchException($"The peak resident set of process {Id} could not be reset.");
        }
    }

    private double Status(string key) =>
        ProcessMemory.StatusMb(key, Id.ToString(CultureInfo.InvariantCulture)) is var mb && !double.IsNaN(mb)
            ? mb
            : throw new BenchException($"/proc/{process.Id}/status has no {key} line.");

    /// <summary>Throws with the app's last output lines if it has exited.</summary>
    public void EnsureRunning()
    {
        if (process.HasExited)
        {
            throw new BenchException($"The app exited with code {process.ExitCode}. Its last output:\n{Tail()}");
        }
    }

    /// <summary>Stops the app the way a service manager does (SIGTERM): it finishes the requests it has begun and
    /// exits; waits for that.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        if (process.HasExited)
        {
            return;
        }

        await Tool.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], patience, default);
        using var wait = new CancellationTokenSource(patience);
        await process.WaitForExitAsync(wait.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Children.End(process);
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Not started, or not gone in 15 s: nothing more a kill can do.
        }

        process.Dispose();
    }

    /// <summary>A port nobody listens on now (the kernel's pick).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>artifacts/bench/app, published again when it is not the app this bench was built with (its
    /// DanVan.Web.dll differs, or a static file changed since).</summary>
    private static async Task<string> PublishAsync(BenchContext context, CancellationToken ct)
    {
        var root = context.Options.RepositoryRoot;
        var folder = Path.Combine(root, "artifacts", "bench", "app");
        if (UpToDate(root, folder))
        {
            return folder;
        }

        context.Say("Publishing the app: dotnet publish src/DanVan.Web -c Release -o artifacts/bench/app");
        var (exit, output) = await Tool.RunAsync(
            DotnetHost(),
            ["publish", Path.Combine(root, "src", "DanVan.Web"), "-c", "Release", "-o", folder, "--nologo"],
            TimeSpan.FromMinutes(10),
            ct
        );
        if (exit != 0 || !File.Exists(Path.Combine(folder, "DanVan.Web.dll")))
        {
            throw new BenchException(
                $"dotnet publish failed (exit {exit}):\n{string.Join('\n', output.Split('\n').TakeLast(20))}"
            );
        }

        if (!UpToDate(root, folder))
        {
            context.Say(
                "The published app is not the one this bench was built with (is the bench a Debug build?): measuring the published Release build."
            );
        }

        return folder;
    }

    private static bool SameDll(string folder) =>
        File.Exists(Path.Combine(folder, "DanVan.Web.dll"))
        && File.Exists(Path.Combine(folder, "DanVan.Web.runtimeconfig.json"))
        && File.ReadAllBytes(Path.Combine(folder, "DanVan.Web.dll"))
            .AsSpan()
            .SequenceEqual(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "DanVan.Web.dll")));

    private static bool UpToDate(string root, string folder)
    {
        static bool Same(string a, string b) =>
            File.Exists(a) && File.Exists(b) && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));

        var wwwroot = Path.Combine(root, "src", "DanVan.Web", "wwwroot");
        return Same(Path.Combine(folder, "DanVan.Web.dll"), Path.Combine(AppContext.BaseDirectory, "DanVan.Web.dll"))
            && (
                !Directory.Exists(wwwroot)
                || Directory
                    .EnumerateFiles(wwwroot, "*", SearchOption.AllDirectories)
                    .All(f => Same(f, Path.Combine(folder, "wwwroot", Path.GetRelativePath(wwwroot, f))))
            );
    }

    /// <summary>The dotnet host running this bench (or the one on the PATH).</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    /// <summary>The connection string, a SQLite file made absolute (the app runs in its own folder).</summary>
    private static string AbsoluteConnectionString(BenchOptions options)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return options.ConnectionString;
        }

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        builder.DataSource = Path.GetFullPath(builder.DataSource);
        return builder.ConnectionString;
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            EnsureRunning();
            try
            {
                using var response = await http.GetAsync("/health", ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(250, ct);
        }

        throw new BenchException($"The app did not answer GET /health within 3 minutes. Its last output:\n{Tail()}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (tail)
        {
            tail.Enqueue(line);
            while (tail.Count > 40)
            {
                tail.Dequeue();
            }
        }
    }

    internal string Tail()
    {
        lock (tail)
        {
            return string.Join('\n', tail);
        }
    }
}
