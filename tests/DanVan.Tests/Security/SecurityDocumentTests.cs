using System.Text.RegularExpressions;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>
/// docs/SECURITY.md prints the role × permission and role × field tables from the code's one table. A change to
/// RolePermissions or FieldRules fails here until the document says the same: run the tests with
/// DANVAN_UPDATE_DOCS=1 to write the new block, then read the diff before committing it.
/// </summary>
public sealed partial class SecurityDocumentTests
{
    [Fact]
    public void The_role_tables_in_the_security_document_are_the_ones_in_the_code()
    {
        var path = Repository.PathOf("docs", "SECURITY.md");
        var document = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = document.IndexOf(SecurityTables.Begin, StringComparison.Ordinal);
        var end = document.IndexOf(SecurityTables.End, StringComparison.Ordinal);
        Assert.True(
            start >= 0 && end > start,
            $"{path} has no generated block between '{SecurityTables.Begin}' and '{SecurityTables.End}'"
        );
        var current = document[start..(end + SecurityTables.End.Length)];
        var generated = SecurityTables.Markdown();
        if (current != generated && Environment.GetEnvironmentVariable("DANVAN_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, document.Replace(current, generated, StringComparison.Ordinal));
            return;
        }

        Assert.True(
            current == generated,
            $"docs/SECURITY.md is out of date with RolePermissions/FieldRules; run the tests with DANVAN_UPDATE_DOCS=1, or paste:\n{generated}"
        );
    }

    [Fact]
    public void Every_permission_and_field_is_described()
    {
        Assert.All(Enum.GetValues<Permission>(), p =>
            Assert.True(SecurityTables.Meaning.ContainsKey(p), $"{p} has no description")
        );
        Assert.All(Enum.GetValues<SensitiveField>(), f =>
            Assert.True(SecurityTables.FieldMeaning.ContainsKey(f), $"{f} has no description")
        );
        Assert.All(Enum.GetValues<SensitiveField>(), f => Assert.NotEmpty(FieldRules.Of(f)));
    }

    [Fact]
    public void Every_proof_in_the_ASVS_map_names_a_test_that_exists_and_the_summary_counts_the_table()
    {
        var document = File.ReadAllText(Path.Combine(Repository.Root, "docs", "SECURITY.md"));
        var asvs = document[document.IndexOf("## OWASP ASVS 5.0 level 2", StringComparison.Ordinal)..];
        int proven = 0,
            justified = 0,
            notApplicable = 0,
            gaps = 0;
        var missing = new List<string>();
        foreach (var row in asvs.Split('\n').Where(l => AsvsRow().IsMatch(l)))
        {
            var cells = row.Trim().Trim('|').Split(" | ");
            var range = RangeCount().Match(cells[0]);
            var count = range.Success
                ? int.Parse(range.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                : 1;
            var proof = cells[^1].Trim();
            if (proof.StartsWith("**Gap", StringComparison.Ordinal))
            {
                gaps += count;
            }
            else if (proof.StartsWith("Justified: not applicable", StringComparison.Ordinal))
            {
                notApplicable += count;
            }
            else if (proof.StartsWith("Justified", StringComparison.Ordinal))
            {
                justified += count;
            }
            else
            {
                proven += count;
                Assert.True(TestReference().IsMatch(proof), $"{cells[0]}: a proof must name a test as file › method");
            }

            foreach (Match reference in TestReference().Matches(proof))
            {
                var file = reference.Groups["file"].Value;
                var path = file.StartsWith("E2E/", StringComparison.Ordinal)
                    ? Path.Combine(Repository.Root, "tests", "DanVan.E2E", file["E2E/".Length..])
                    : Path.Combine(Repository.Root, "tests", "DanVan.Tests", file);
                var method = reference.Groups["method"].Value;
                if (!File.Exists(path) || !Regex.IsMatch(File.ReadAllText(path), $@"\b(Task|void) {method}\("))
                {
                    missing.Add($"{cells[0]}: {file} › {method}");
                }
            }
        }

        Assert.True(missing.Count == 0, "proofs naming no test:\n" + string.Join("\n", missing));
        var applicable = proven + justified + gaps;
        var summary =
            $"of the **{applicable} that apply, {proven} ({proven * 100 / applicable}%) are proven by a test**, {justified} are "
            + $"justified";
        Assert.Contains(summary, asvs.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains($"{notApplicable} do not apply", asvs.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains($"and {gaps} are gaps", asvs.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| \d+\.\d+\.\d+")]
    private static partial Regex AsvsRow();

    [GeneratedRegex(@"\((\d+)\)$")]
    private static partial Regex RangeCount();

    [GeneratedRegex(@"(?<file>(E2E/)?[\w/]+\.cs) › (?<method>\w+)")]
    private static partial Regex TestReference();
}
