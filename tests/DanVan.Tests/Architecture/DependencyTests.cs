using DanVan.Web.Infrastructure.Data;
using NetArchTest.Rules;

namespace DanVan.Tests.Architecture;

/// <summary>
/// The dependency rules of docs/ARCHITECTURE.md, read from the compiled assembly (every type reference in signatures
/// and
/// method bodies, through NetArchTest): features are layered in one order and may use only the features below them, so
/// no two features import each other; the shared layer (Infrastructure, Components) uses no feature beyond the
/// foundation (the unit tree and the account, which authorization is made of), except the composition root.
/// </summary>
public sealed class DependencyTests
{
    private const string Root = "DanVan.Web.";

    /// <summary>Lowest first. A feature may depend on those before it, never on those after it.</summary>
    public static readonly string[] Layers =
    [
        "Units",
        "Organizations",
        "Accounts",
        "Notifications",
        "Documents",
        "Models",
        "Dialogues",
        "Petitions",
        "Campaigns",
        "Programs",
        "Personnel",
        "Statistics",
        "Reports",
        "Audit",
        "Privacy",
        "Home",
    ];

    /// <summary>The features the shared layer may use anywhere: the tree and the account the authorization is made
    /// of.</summary>
    private static readonly string[] Foundation = ["Units", "Accounts"];

    /// <summary>Shared types that wire the features together, with what else they may use.</summary>
    private static readonly Dictionary<string, string[]> CompositionRoot = new()
    {
        ["Infrastructure.PlatformSetup"] = Layers, // registers the platform and prepares the database
        ["Infrastructure.Data.DanVanDbContext"] = Layers, // one context: every feature's tables
        ["Infrastructure.Data.DatabaseInitializer"] = Layers, // ensures every feature's core catalogue rows
        ["Infrastructure.Cli.OperatorCommands"] = Layers, // the operator commands run features' jobs
        ["Infrastructure.Auth.CurrentUserMiddleware"] = ["Notifications"], // the header's unread badge, read with the account
    };

    private static readonly System.Reflection.Assembly Web = typeof(DanVanDbContext).Assembly;

    [Fact]
    public void Every_feature_folder_has_its_place_in_the_layers()
    {
        var features = Web.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith(Root + "Features.", StringComparison.Ordinal))
            .Select(n => n[(Root.Length + "Features.".Length)..].Split('.')[0])
            .Distinct()
            .Order()
            .ToList();

        Assert.Equal(Layers.Order(), features);
    }

    [Fact]
    public void The_production_assembly_holds_no_demonstration_data_and_does_not_reference_it()
    {
        // The demo lives in DanVan.Demo, which references this assembly and registers an IDemoData (ADR-0018).
        Assert.Empty(
            Web.GetTypes().Where(t => (t.Namespace ?? "").Split('.').Contains("Demo")).Select(t => t.FullName)
        );
        Assert.DoesNotContain(Web.GetReferencedAssemblies(), a => a.Name == "DanVan.Demo");
        Assert.DoesNotContain(Web.GetManifestResourceNames(), n =>
            n.Contains("Demo", StringComparison.OrdinalIgnoreCase)
        );
    }

    [Fact]
    public void No_feature_uses_a_feature_above_it_so_no_two_features_import_each_other()
    {
        var violations = new List<string>();
        for (var i = 0; i < Layers.Length; i++)
        {
            var above = Layers[(i + 1)..].Select(Feature).ToArray();
            if (above.Length == 0)
            {
                continue;
            }

            var result = Types
                .InAssembly(Web)
                .That()
                .ResideInNamespace(Feature(Layers[i]))
                .ShouldNot()
                .HaveDependencyOnAny(above)
                .GetResult();
            violations.AddRange(
                (result.FailingTypes ?? []).Select(t =>
                    $"{Short(t.FullName)} uses {string.Join(", ", Uses(t.ReflectionType, above))}"
                )
            );
        }

        Assert.True(
            violations.Count == 0,
            "A feature uses one above it (docs/ARCHITECTURE.md, 'Dependency rules'): invert it with an interface owned by the lower feature.\n"
                + string.Join("\n", violations)
        );
    }

    [Fact]
    public void The_shared_layer_uses_no_feature_beyond_the_foundation_except_the_composition_root()
    {
        var beyondFoundation = Layers.Except(Foundation).Select(Feature).ToArray();
        var violations = new List<string>();
        foreach (var layer in new[] { "Infrastructure", "Components" })
        {
            var result = Types
                .InAssembly(Web)
                .That()
                .ResideInNamespace(Root + layer)
                .ShouldNot()
                .HaveDependencyOnAny(beyondFoundation)
                .GetResult();
            foreach (var type in result.FailingTypes ?? [])
            {
                var name = Short(type.FullName);
                var allowed = CompositionRoot
                    .FirstOrDefault(r =>
                        name == r.Key
                        || name.StartsWith(r.Key + "/", StringComparison.Ordinal)
                        || name.StartsWith(r.Key + "+", StringComparison.Ordinal)
                    )
                    .Value
                    ?? [];
                var used = Uses(type.ReflectionType, beyondFoundation)
                    .Where(f => !allowed.Contains(f[(Root.Length + "Features.".Length)..]))
                    .ToList();
                if (used.Count > 0)
                {
                    violations.Add($"{name} uses {string.Join(", ", used)}");
                }
            }
        }

        Assert.True(violations.Count == 0, "The shared layer uses a feature:\n" + string.Join("\n", violations));
    }

    private static string Feature(string name) => Root + "Features." + name;

    private static string Short(string fullName) =>
        fullName.StartsWith(Root, StringComparison.Ordinal) ? fullName[Root.Length..] : fullName;

    /// <summary>Which of <paramref name="features"/> the type uses (for the message; the rule itself is
    /// NetArchTest's).</summary>
    private static IEnumerable<string> Uses(Type? type, string[] features) =>
        type is null
            ? features
            : features.Where(f =>
                Types
                    .InAssembly(Web)
                    .That()
                    .HaveName(type.Name)
                    .And()
                    .ResideInNamespace(type.Namespace ?? "")
                    .ShouldNot()
                    .HaveDependencyOnAny(f)
                    .GetResult()
                    .IsSuccessful
                    is false
            );
}
