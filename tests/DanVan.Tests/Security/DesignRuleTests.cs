using System.Text.RegularExpressions;
using DanVan.Tests.Infrastructure;

namespace DanVan.Tests.Security;

/// <summary>
/// ASVS 5.0 requirements met by how the code is written rather than by a behaviour one request shows: each rule reads
/// the application's sources (C#, Razor, scripts, settings, project files) and fails, naming the file and the line, when
/// a change breaks it. A rule that needs an exception says so here, not in the code it checks.
/// </summary>
public sealed partial class DesignRuleTests
{
    /// <summary>The application's own files of one kind (not the demo tool, not build output).</summary>
    private static IEnumerable<(string File, string[] Lines)> Sources(params string[] extensions)
    {
        var root = Repository.PathOf("src", "DanVan.Web");
        var files = extensions
            .SelectMany(e => Directory.EnumerateFiles(root, "*" + e, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 0, $"no {string.Join(", ", extensions)} file under {root}");
        return files.Select(f => (Path.GetRelativePath(Repository.Root, f), File.ReadAllLines(f)));
    }

    /// <summary>Every line of <paramref name="files"/> matching <paramref name="pattern"/>, as "file:line: text".</summary>
    private static List<string> Find(IEnumerable<(string File, string[] Lines)> files, Regex pattern) =>
        [
            .. files.SelectMany(f =>
                f.Lines.Select((line, i) => (line, i))
                    .Where(x => pattern.IsMatch(x.line))
                    .Select(x => $"{f.File}:{x.i + 1}: {x.line.Trim()}")
            ),
        ];

    private static void None(List<string> hits, string rule) =>
        Assert.True(hits.Count == 0, $"{rule}:\n" + string.Join("\n", hits));

    [Fact]
    public void Processes_are_started_with_an_argument_list_and_no_shell()
    {
        // ASVS V1.2.5: LibreOffice and pg_dump/pg_restore are the only processes; no command line is ever one string.
        var cs = Sources(".cs").ToList();
        var starting = cs.Where(f => f.Lines.Any(l => l.Contains("new ProcessStartInfo", StringComparison.Ordinal)))
            .ToList();
        Assert.True(starting.Count >= 2, "the process starts were not found (OfficialPdf, DatabaseBackup)");
        None(Find(cs, ArgumentsString()), "a process started with its arguments as one string");
        None(Find(cs, ShellExecute()), "a process started through the shell");
        Assert.All(starting, f =>
            Assert.Contains(f.Lines, l => l.Contains("ArgumentList.Add", StringComparison.Ordinal))
        );
    }

    [Fact]
    public void Every_regular_expression_is_generated_from_a_constant()
    {
        // ASVS V1.2.9: no pattern is built at run time, so no input reaches one.
        var cs = Sources(".cs").ToList();
        None(Find(cs, RuntimeRegex()), "a regular expression built or run from a string at run time");
        var generated = Find(cs, GeneratedRegexAttribute());
        Assert.True(generated.Count >= 5, "the generated expressions were not found");
        None(
            [.. generated.Where(g => !ConstantPatternArgument().IsMatch(g))],
            "a [GeneratedRegex] whose pattern is not a string literal"
        );
    }

    [Fact]
    public void No_unsafe_code_is_compiled()
    {
        // ASVS V1.4.1: memory safety is the runtime's; nothing opts out of it.
        None(Find(Projects(), new Regex("AllowUnsafeBlocks", RegexOptions.IgnoreCase)), "a project allows unsafe code");
        None(Find(Sources(".cs"), UnsafeKeyword()), "an unsafe block or member");
    }

    [Fact]
    public void No_XML_reader_resolves_entities_or_parses_a_DTD()
    {
        // ASVS V1.5.1: the workbook and document readers keep .NET's defaults (DTDs prohibited, no resolver).
        None(
            Find(Sources(".cs"), new Regex(@"DtdProcessing\.Parse|XmlUrlResolver|XmlResolver\s*=\s*(?!null)")),
            "an XML reader that resolves entities"
        );
    }

    [Fact]
    public void Nothing_is_deserialized_polymorphically_or_from_binary()
    {
        // ASVS V1.5.2: JSON binds into fixed records; no type name in a payload picks a class.
        None(
            Find(
                Sources(".cs"),
                new Regex(
                    @"BinaryFormatter|SoapFormatter|NetDataContractSerializer|LosFormatter|ObjectStateFormatter|TypeNameHandling|JsonDerivedType|JsonPolymorphic"
                )
            ),
            "a polymorphic or binary deserializer"
        );
    }

    [Fact]
    public void No_plug_in_or_frame_is_embedded()
    {
        // ASVS V3.7.1: HTML, CSS and a few scripts of the app's own; no object, embed, applet or frame.
        None(
            Find(
                Sources(".razor", ".html", ".js"),
                new Regex(@"<\s*(object|embed|applet|iframe|frame)\b", RegexOptions.IgnoreCase)
            ),
            "an embedded plug-in or frame"
        );
    }

    [Fact]
    public void No_cryptography_of_its_own_and_no_broken_algorithm()
    {
        // ASVS V11.2.1, V11.3.1, V11.4.1: .NET's primitives only, no MD5, SHA-1, DES, RC2, ECB or PKCS#1 v1.5
        // encryption; random values from RandomNumberGenerator, never System.Random.
        var cs = Sources(".cs").ToList();
        None(
            Find(
                cs,
                new Regex(
                    @"\bMD5\b|\bSHA1\b|HMACSHA1|HMACMD5|\bDES\b|TripleDES|\bRC2\b|CipherMode\.ECB|EncryptionPadding\.Pkcs1"
                )
            ),
            "a broken or weak algorithm"
        );
        None(Find(cs, new Regex(@"new Random\(|Random\.Shared")), "System.Random where a secret may come from it");
        Assert.NotEmpty(Find(cs, new Regex(@"RandomNumberGenerator\.")));
    }

    [Fact]
    public void Server_certificates_are_never_accepted_unchecked()
    {
        // ASVS V12.3.2: Npgsql and MailKit validate the server's certificate by default; nothing turns that off.
        None(
            Find(
                Sources(".cs", ".json"),
                new Regex(
                    @"ServerCertificate(Custom)?ValidationCallback|DangerousAcceptAnyServerCertificateValidator|Trust\s*Server\s*Certificate|CheckCertificateRevocation\s*=\s*false|SslMode\s*=\s*Disable",
                    RegexOptions.IgnoreCase
                )
            ),
            "a certificate check turned off"
        );
    }

    [Fact]
    public void The_app_makes_no_outbound_web_request()
    {
        // ASVS V1.3.6, V13.1.1, V13.2.4: the app talks to its database and its SMTP host only; no URL is ever fetched.
        None(
            Find(
                Sources(".cs"),
                new Regex(@"\bHttpClient\b|IHttpClientFactory|AddHttpClient|WebRequest\b|WebClient\b")
            ),
            "an outbound web request"
        );
    }

    [Fact]
    public void No_folder_is_served_or_listed()
    {
        // ASVS V13.4.1, V13.4.3: only the build's static-asset manifest is served (MapStaticAssets); no folder, no listing.
        var cs = Sources(".cs").ToList();
        None(
            Find(cs, new Regex(@"UseStaticFiles|UseDirectoryBrowser|UseFileServer|AddDirectoryBrowser")),
            "a folder served"
        );
        Assert.NotEmpty(Find(cs, new Regex(@"MapStaticAssets\(")));
    }

    [Fact]
    public void Browser_storage_is_the_offline_queue_alone_and_signing_out_empties_it()
    {
        // ASVS V14.3.1, V14.3.3: the browser keeps cookies (none written by script) and, for work without a network,
        // the offline queue and page copies of js/offline.js and sw.js alone (docs/OFFLINE.md): bound to the account
        // and emptied at sign-out, by the script before the post and by the server's Clear-Site-Data after it.
        var offline = Path.Combine("src", "DanVan.Web", "wwwroot", "js", "offline.js");
        var worker = Path.Combine("src", "DanVan.Web", "wwwroot", "sw.js");
        None(
            [
                .. Find(
                        Sources(".js", ".razor"),
                        new Regex(@"localStorage|sessionStorage|indexedDB|caches\.|document\.cookie\s*=")
                    )
                    .Where(hit =>
                        !hit.StartsWith(offline + ":", StringComparison.Ordinal)
                        && !hit.StartsWith(worker + ":", StringComparison.Ordinal)
                    ),
            ],
            "data kept in the browser's storage outside the offline queue"
        );
        var script = File.ReadAllText(Repository.PathOf(offline));
        Assert.Contains("indexedDB.deleteDatabase('danvan')", script, StringComparison.Ordinal);
        Assert.Contains("caches.delete(name)", script, StringComparison.Ordinal);
        Assert.DoesNotContain("localStorage", script, StringComparison.Ordinal);
        Assert.DoesNotContain("sessionStorage", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_trail_is_only_ever_added_to()
    {
        // ASVS V16.4.2: no code path changes or deletes an audit line (ADR-0004).
        None(
            Find(
                Sources(".cs"),
                new Regex(
                    @"AuditEntries\b.*\.(Remove|RemoveRange|Update|UpdateRange|ExecuteDelete|ExecuteDeleteAsync|ExecuteUpdate|ExecuteUpdateAsync)\b|Set<AuditEntry>\(\).*\.(Remove|Update|ExecuteDelete|ExecuteUpdate)|DELETE\s+FROM\s+""?AuditEntries|UPDATE\s+""?AuditEntries",
                    RegexOptions.IgnoreCase
                )
            ),
            "an audit line changed or deleted"
        );
    }

    [Fact]
    public void Audit_times_come_from_the_one_clock()
    {
        // ASVS V16.2.2: every time the app records is UTC from the injected TimeProvider (tests move it; so do
        // instances behind one database), never the machine's own clock read directly.
        None(
            Find(Sources(".cs"), new Regex(@"DateTime(Offset)?\.(Now|UtcNow|Today)\b")),
            "a time read from the machine's clock"
        );
    }

    [Fact]
    public void Every_log_line_is_a_constant_template_with_named_values()
    {
        // ASVS V16.4.1: values go to the log as structured properties of a fixed template, never concatenated or
        // interpolated into the text, so a value cannot forge a line or pass for another field.
        var calls = 0;
        var bad = new List<string>();
        foreach (var (file, lines) in Sources(".cs"))
        {
            var text = string.Join("\n", lines);
            foreach (Match call in LogCall().Matches(text))
            {
                calls++;
                var template = LogTemplate().Match(text, call.Index + call.Length);
                if (
                    !template.Success
                    || template.Index != call.Index + call.Length
                    || template.Groups["tail"].Value == "+"
                )
                {
                    bad.Add($"{file}:{text[..call.Index].Count(c => c == '\n') + 1}");
                }
            }
        }

        Assert.True(calls >= 10, $"only {calls} log calls found");
        None(bad, "a log message that is not a constant template");
    }

    private static IEnumerable<(string File, string[] Lines)> Projects() =>
        Directory
            .EnumerateFiles(Repository.Root, "*.*", SearchOption.AllDirectories)
            .Where(f =>
                f.EndsWith(".csproj", StringComparison.Ordinal)
                || f.EndsWith(".props", StringComparison.Ordinal)
                || f.EndsWith(".targets", StringComparison.Ordinal)
            )
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains("node_modules")
            )
            .Select(f => (Path.GetRelativePath(Repository.Root, f), File.ReadAllLines(f)));

    [Fact]
    public void Every_third_party_package_is_pinned_in_one_inventory_and_each_entry_is_in_use()
    {
        // ASVS V15.1.2: Directory.Packages.props is the inventory of NuGet components, one exact version each; no project
        // brings a package or a version of its own, and no entry is left behind unused (an entry may pin a package that a
        // referenced one brings). The test tools from npm are
        // pinned exactly in package.json, with the lock file beside it.
        var inventory = System.Xml.Linq.XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props"));
        Assert.Equal(
            "true",
            System
                .Xml.Linq.XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"))
                .Descendants("ManagePackageVersionsCentrally")
                .Single()
                .Value
        );
        var pinned = inventory
            .Descendants("PackageVersion")
            .ToDictionary(
                p => p.Attribute("Include")!.Value,
                p => p.Attribute("Version")!.Value,
                StringComparer.OrdinalIgnoreCase
            );
        Assert.All(pinned, p => Assert.Matches(@"^\d+(\.\d+){1,3}(-[0-9A-Za-z.-]+)?$", p.Value));

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (
            var project in Directory
                .EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
                .Where(f =>
                    !f.Contains(
                        $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
                        StringComparison.Ordinal
                    )
                )
        )
        {
            foreach (var reference in System.Xml.Linq.XDocument.Load(project).Descendants("PackageReference"))
            {
                var name = reference.Attribute("Include")!.Value;
                used.Add(name);
                if (reference.Attribute("Version") is not null || reference.Attribute("VersionOverride") is not null)
                {
                    problems.Add($"{Path.GetRelativePath(Repository.Root, project)}: {name} carries its own version");
                }

                if (!pinned.ContainsKey(name))
                {
                    problems.Add($"{Path.GetRelativePath(Repository.Root, project)}: {name} is not in the inventory");
                }
            }
        }

        // With transitive pinning on, an entry may pin a package a referenced one brings; it must then be among the
        // packages the restore resolved.
        foreach (
            var assets in Directory
                .EnumerateFiles(Repository.Root, "project.assets.json", SearchOption.AllDirectories)
                .Where(f => !f.Contains("node_modules", StringComparison.Ordinal))
        )
        {
            using var resolved = System.Text.Json.JsonDocument.Parse(File.ReadAllText(assets));
            foreach (var library in resolved.RootElement.GetProperty("libraries").EnumerateObject())
            {
                used.Add(library.Name.Split('/')[0]);
            }
        }

        problems.AddRange(
            pinned.Keys.Where(p => !used.Contains(p)).Select(p => $"{p} is pinned but no project uses it")
        );
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        using var npm = System.Text.Json.JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Repository.Root, "package.json"))
        );
        Assert.All(npm.RootElement.GetProperty("devDependencies").EnumerateObject(), d =>
            Assert.Matches(@"^\d+\.\d+\.\d+$", d.Value.GetString()!)
        );
        Assert.False(npm.RootElement.TryGetProperty("dependencies", out _), "the app itself takes nothing from npm");
        Assert.True(File.Exists(Path.Combine(Repository.Root, "package-lock.json")));
    }

    [GeneratedRegex(@"\.Arguments\s*=|Arguments\s*=\s*[$@]?""")]
    private static partial Regex ArgumentsString();

    [GeneratedRegex(@"UseShellExecute\s*=\s*true|""/bin/(ba)?sh""|""cmd(\.exe)?""")]
    private static partial Regex ShellExecute();

    [GeneratedRegex(@"new\s+Regex\s*\(|\bRegex\.(IsMatch|Match|Matches|Replace|Split|EnumerateMatches|Count)\s*\(")]
    private static partial Regex RuntimeRegex();

    [GeneratedRegex(@"\[GeneratedRegex\(")]
    private static partial Regex GeneratedRegexAttribute();

    [GeneratedRegex(@"\[GeneratedRegex\(\s*@?""")]
    private static partial Regex ConstantPatternArgument();

    [GeneratedRegex(@"\.Log(Information|Warning|Error|Debug|Critical|Trace)\(")]
    private static partial Regex LogCall();

    /// <summary>The call's arguments up to its template: an optional exception (or event id), then a plain string
    /// literal (no <c>$</c>), and what follows it.</summary>
    [GeneratedRegex(@"\G\s*(?:[\w.]+\s*,\s*)?@?""(?:[^""\\]|\\.)*""\s*(?<tail>\+)?")]
    private static partial Regex LogTemplate();

    [GeneratedRegex(@"\bunsafe\s*(\{|static|void|class|struct|fixed|public|private|internal|protected)")]
    private static partial Regex UnsafeKeyword();
}
