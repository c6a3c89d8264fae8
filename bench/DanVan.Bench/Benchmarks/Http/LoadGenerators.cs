using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DanVan.Bench.Benchmarks.Http;

/// <summary>Who a load request is sent as: a signed-in page (the session cookie), an API read (the bearer token), or
/// anyone (the public portal).</summary>
internal enum Caller
{
    SignedIn,
    Api,
    Anonymous,
}

/// <summary>One URL of a load, and who requests it.</summary>
internal sealed record LoadTarget(string Path, Caller Caller = Caller.SignedIn);

/// <summary>What every load request carries: the forwarded scheme (the bench is the app's TLS-terminating proxy),
/// the browser's cookies and the name of the session cookie (renewed by the app as it slides), an API
/// token.</summary>
internal sealed record Credentials(string Cookies, string SessionCookie, string? Bearer = null)
{
    public static readonly Credentials None = new("", "");
}

/// <summary>A closed-loop run of wrk: its rate and its errors (responses outside 2xx, counted by the script, 3xx
/// included, plus socket errors and time-outs).</summary>
internal sealed record WrkResult(double RequestsPerSecond, long Requests, long Errors);

/// <summary>A fixed-rate run of hey: its latency percentiles and its errors (responses outside 2xx and failed
/// requests).</summary>
internal sealed record HeyResult(double P50Ms, double P99Ms, long Responses, long Errors, double RequestsPerSecond);

/// <summary>
/// The load generators of the HTTP bars: wrk (closed loop: as many requests as the server answers) driven by a Lua
/// script that cycles the targets, keeps the session cookie as the app renews it (a browser would; a stale cookie is
/// revalidated against the database on every request) and counts every non-2xx status; and hey (a fixed rate, for
/// the latency distribution). Both must be installed (apt-get install -y wrk hey).
/// </summary>
internal static partial class LoadGenerators
{
    public const string Install = "apt-get install -y wrk hey";

    public static void Require()
    {
        var missing = new[] { "wrk", "hey" }.Where(t => !Tool.OnPath(t)).ToList();
        if (missing.Count > 0)
        {
            throw new BenchException(
                $"The HTTP bars (P3, P7, P8) need the load generators wrk and hey; missing: {string.Join(", ", missing)}. Install them: {Install} (scripts/bench.sh installs them)."
            );
        }
    }

    public static async Task<WrkResult> WrkAsync(
        Uri server,
        IReadOnlyList<LoadTarget> targets,
        Credentials credentials,
        int connections,
        TimeSpan duration,
        CancellationToken ct
    )
    {
        var script = Path.Combine(Path.GetTempPath(), $"danvan-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, LuaScript(targets, credentials), ct);
        try
        {
            var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
            var (exit, output) = await Tool.RunAsync(
                "wrk",
                [
                    "-t2",
                    $"-c{connections}",
                    $"-d{seconds}s",
                    "--timeout",
                    "10s",
                    "-s",
                    script,
                    server.GetLeftPart(UriPartial.Authority),
                ],
                duration + TimeSpan.FromMinutes(1),
                ct
            );
            return ParseWrk(exit, output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    public static async Task<HeyResult> HeyAsync(
        Uri url,
        Credentials credentials,
        double totalRate,
        int workers,
        TimeSpan duration,
        CancellationToken ct
    )
    {
        var perWorker = Math.Max(0.1, totalRate / workers);
        var arguments = new List<string>
        {
            "-z",
            $"{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s",
            "-c",
            workers.ToString(CultureInfo.InvariantCulture),
            "-q",
            perWorker.ToString("0.###", CultureInfo.InvariantCulture),
            "-t",
            "20",
            "-H",
            "X-Forwarded-Proto: https",
        };
        if (credentials.Cookies.Length > 0)
        {
            arguments.AddRange(["-H", "Cookie: " + credentials.Cookies]);
        }

        arguments.Add(url.ToString());
        var (exit, output) = await Tool.RunAsync("hey", arguments, duration + TimeSpan.FromMinutes(1), ct);
        return ParseHey(exit, output);
    }

    internal static WrkResult ParseWrk(int exit, string output)
    {
        var rate = RequestsPerSecond().Match(output);
        var requests = WrkRequests().Match(output);
        var bad = ScriptErrors().Match(output);
        if (exit != 0 || !rate.Success || !requests.Success || !bad.Success)
        {
            throw new BenchException($"wrk failed (exit {exit}) or printed no result:\n{output}");
        }

        long errors = long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture);
        var socket = SocketErrors().Match(output);
        if (socket.Success)
        {
            errors += Enumerable.Range(1, 4).Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture));
        }

        return new WrkResult(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            errors
        );
    }

    internal static HeyResult ParseHey(int exit, string output)
    {
        var percentiles = new Dictionary<int, double>();
        foreach (Match m in HeyPercentile().Matches(output))
        {
            percentiles[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] =
                double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * 1000;
        }

        if (exit != 0 || !percentiles.ContainsKey(50) || !percentiles.ContainsKey(99))
        {
            throw new BenchException($"hey failed (exit {exit}) or printed no latency distribution:\n{output}");
        }

        long ok = 0,
            errors = 0;
        foreach (Match m in HeyStatus().Matches(output))
        {
            var count = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (m.Groups[1].Value.StartsWith('2'))
            {
                ok += count;
            }
            else
            {
                errors += count;
            }
        }

        var failed = output.IndexOf("Error distribution:", StringComparison.Ordinal);
        if (failed >= 0)
        {
            errors += HeyError()
                .Matches(output[failed..])
                .Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        var rate = RequestsPerSecond().Match(output);
        return new HeyResult(
            percentiles[50],
            percentiles[99],
            ok + errors,
            errors,
            rate.Success ? double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture) : 0
        );
    }

    /// <summary>The wrk script: cycles the targets, sends each with its caller's credentials, takes the renewed
    /// session cookie, counts the statuses outside 2xx per thread and prints their sum.</summary>
    private static string LuaScript(IReadOnlyList<LoadTarget> targets, Credentials credentials)
    {
        static string Quote(string s) => "[==[" + s + "]==]";
        var pattern = Regex.Replace(credentials.SessionCookie, "[^A-Za-z0-9]", "%$0");
        var lua = new StringBuilder();
        lua.AppendLine("-- written by DanVan.Bench (Benchmarks/Http/LoadGenerators.cs)");
        lua.AppendLine("local threads = {}");
        lua.AppendLine("function setup(thread) table.insert(threads, thread) end");
        lua.AppendLine("function init(args)");
        lua.AppendLine("  targets = {");
        foreach (var t in targets)
        {
            lua.AppendLine($"    {{ {Quote(t.Path)}, {Quote(t.Caller.ToString())} }},");
        }

        lua.AppendLine("  }");
        lua.AppendLine($"  cookies = {Quote(credentials.Cookies)}");
        lua.AppendLine($"  bearer = {Quote(credentials.Bearer ?? "")}");
        lua.AppendLine("  index = 0");
        lua.AppendLine("  bad = 0");
        lua.AppendLine("end");
        lua.AppendLine("function request()");
        lua.AppendLine("  index = index % #targets + 1");
        lua.AppendLine("  local t = targets[index]");
        lua.AppendLine("  local headers = { [\"X-Forwarded-Proto\"] = \"https\" }");
        lua.AppendLine("  if t[2] == \"SignedIn\" and cookies ~= \"\" then headers[\"Cookie\"] = cookies end");
        lua.AppendLine("  if t[2] == \"Api\" then headers[\"Authorization\"] = \"Bearer \" .. bearer end");
        lua.AppendLine("  return wrk.format(\"GET\", t[1], headers)");
        lua.AppendLine("end");
        lua.AppendLine("function response(status, headers, body)");
        lua.AppendLine("  if status < 200 or status > 299 then bad = bad + 1 end");
        if (pattern.Length > 0)
        {
            lua.AppendLine("  local set = headers[\"Set-Cookie\"] or headers[\"set-cookie\"]");
            lua.AppendLine("  if set then");
            lua.AppendLine($"    local value = set:match(\"^{pattern}=([^;]*)\")");
            lua.AppendLine("    if value and value ~= \"\" then");
            lua.AppendLine(
                $"      cookies = cookies:gsub(\"{pattern}=[^;]*\", function() return {Quote(credentials.SessionCookie)} .. \"=\" .. value end)"
            );
            lua.AppendLine("    end");
            lua.AppendLine("  end");
        }

        lua.AppendLine("end");
        lua.AppendLine("function done(summary, latency, requests)");
        lua.AppendLine("  local total = 0");
        lua.AppendLine("  for _, thread in ipairs(threads) do total = total + thread:get(\"bad\") end");
        lua.AppendLine("  io.write(string.format(\"danvan-bad %d\\n\", total))");
        lua.AppendLine("end");
        return lua.ToString();
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex WrkRequests();

    [GeneratedRegex(@"danvan-bad (\d+)")]
    private static partial Regex ScriptErrors();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"^\s*(\d+)%+ in ([0-9.]+) secs", RegexOptions.Multiline)]
    private static partial Regex HeyPercentile();

    [GeneratedRegex(@"^\s*\[(\d{3})\]\s+(\d+) responses", RegexOptions.Multiline)]
    private static partial Regex HeyStatus();

    [GeneratedRegex(@"^\s*\[(\d+)\]\s", RegexOptions.Multiline)]
    private static partial Regex HeyError();
}
