using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>
/// docs/SECURITY.md prints the role × permission and role × field tables from the code's one table. A change to
/// RolePermissions or FieldRules fails here until the document says the same: run the tests with
/// DANVAN_UPDATE_DOCS=1 to write the new block, then read the diff before committing it.
/// </summary>
public sealed class SecurityDocumentTests
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
}
