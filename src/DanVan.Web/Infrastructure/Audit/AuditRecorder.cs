using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DanVan.Web.Infrastructure.Audit;

/// <summary>
/// Turns the change tracker's inserts, updates and deletes into audit entries. <see cref="Capture"/> runs
/// before the save (it still sees the old values and bumps versions); <see cref="Complete"/> runs after it,
/// when generated keys are known.
/// </summary>
internal sealed class AuditRecorder(DbContext context, ICurrentUser? actor, DateTime now)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Columns that change with every save and mean nothing on their own.</summary>
    private static readonly HashSet<string> Bookkeeping = [nameof(IVersioned.Version), "ConcurrencyStamp"];

    private readonly List<Pending> pending = [];
    private readonly List<AuditEntry> addedByCaller = [];

    /// <summary>The audit entries the caller added itself (<c>db.Audit(…)</c>), found by the same scan of the change
    /// tracker as the changes (one scan per save).</summary>
    public IReadOnlyList<AuditEntry> AddedByCaller => addedByCaller;

    private sealed record Pending(
        EntityEntry Entry,
        AuditAction Action,
        Dictionary<string, object?>? Before,
        string[]? Changed
    );

    public bool Capture()
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry is { Entity: AuditEntry written, State: EntityState.Added })
            {
                addedByCaller.Add(written);
            }

            if (
                entry.Entity is AuditEntry or IDerivedRow
                || entry.State is EntityState.Unchanged or EntityState.Detached
            )
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added or EntityState.Deleted when entry.Entity is IOwnHistory:
                    break;
                case EntityState.Added:
                    pending.Add(new Pending(entry, AuditAction.Insert, null, null));
                    break;
                case EntityState.Deleted:
                    pending.Add(new Pending(entry, AuditAction.Delete, Values(entry, original: true, null), null));
                    break;
                case EntityState.Modified:
                    var changed = entry
                        .Properties.Where(p =>
                            p.IsModified
                            && !Equals(p.OriginalValue, p.CurrentValue)
                            && !Bookkeeping.Contains(p.Metadata.Name)
                        )
                        .Select(p => p.Metadata.Name)
                        .ToArray();
                    // A handler marks the version modified when the save edits the record through its children
                    // alone (a report's sections, a program's cited documents): the version moves all the same, so a
                    // second save from the version before is a conflict, not a silent overwrite.
                    var touched = entry.Entity is IVersioned && entry.Property(nameof(IVersioned.Version)).IsModified;
                    if (changed.Length == 0 && !touched)
                    {
                        continue;
                    }

                    if (entry.Entity is IVersioned versioned)
                    {
                        versioned.Version = (int)entry.Property(nameof(IVersioned.Version)).OriginalValue! + 1;
                    }

                    if (changed.Length == 0)
                    {
                        continue;
                    }

                    if (entry.Entity is IOwnHistory)
                    {
                        continue;
                    }

                    pending.Add(
                        new Pending(entry, AuditAction.Update, Values(entry, original: true, changed), changed)
                    );
                    break;
            }
        }

        return pending.Count > 0;
    }

    public List<AuditEntry> Complete()
    {
        var entries = new List<AuditEntry>(pending.Count);
        foreach (var p in pending)
        {
            var unit = UnitOf(p.Entry.Entity);
            entries.Add(
                new AuditEntry
                {
                    At = now,
                    AccountId = actor?.AccountId,
                    ActorName = ActorName(actor),
                    UnitId = unit?.Id,
                    ProvinceId = unit?.ProvinceId,
                    CommuneId = unit?.CommuneId,
                    VillageId = unit?.VillageId,
                    Action = p.Action,
                    EntityType = EntityName(p.Entry.Metadata.ClrType),
                    EntityId = KeyOf(p.Entry),
                    Before = p.Before is null ? null : JsonSerializer.Serialize(p.Before, Json),
                    After =
                        p.Action == AuditAction.Delete
                            ? null
                            : JsonSerializer.Serialize(Values(p.Entry, original: false, p.Changed), Json),
                    RemoteAddress = actor?.RemoteAddress,
                }
            );
        }

        return entries;
    }

    /// <summary>"system" for operator commands and seeding, "anonymous" for a request nobody is signed in to.</summary>
    public static string ActorName(ICurrentUser? actor) => actor is null ? "system" : actor.DisplayName ?? "anonymous";

    /// <summary>The entity's name in the trail: the class name without generic arity (IdentityUserToken, not
    /// IdentityUserToken`1).</summary>
    public static string EntityName(Type type) =>
        type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;

    private UnitRef? UnitOf(object entity) =>
        entity switch
        {
            Unit u => u.Ref,
            IUnitScoped s => UnitScope.ScopeOf(s),
            _ => actor?.Active?.Unit,
        };

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join("|", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
    }

    private static Dictionary<string, object?> Values(EntityEntry entry, bool original, string[]? only)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (only is not null && !only.Contains(name))
            {
                continue;
            }

            var value = original ? property.OriginalValue : property.CurrentValue;
            values[name] =
                IsRedacted(property.Metadata) ? (value is null ? null : "***")
                : value is byte[] bytes ? $"[{bytes.Length} bytes]"
                : value;
        }

        return values;
    }

    /// <summary>Whether each property is redacted, found once per property: the attribute lookup is reflection, and
    /// an import writes tens of thousands of audited rows (QUALITY.md P5).</summary>
    private static readonly ConditionalWeakTable<IProperty, object> Redacted = new();

    private static bool IsRedacted(IProperty property) =>
        (bool)Redacted.GetValue(property, static p => FindRedacted(p));

    private static bool FindRedacted(IProperty property)
    {
        if (property.PropertyInfo?.GetCustomAttribute<AuditRedactedAttribute>(inherit: true) is not null)
        {
            return true;
        }

        var type = property.DeclaringType.ClrType;
        // Identity keeps the authenticator key and recovery codes in the token's value; the
        // data-protection key ring keeps key material in its XML.
        return (type == typeof(IdentityUserToken<int>) && property.Name == nameof(IdentityUserToken<int>.Value))
            || (type == typeof(DataProtectionKey) && property.Name == nameof(DataProtectionKey.Xml))
            || property.Name is "ConcurrencyStamp" or "PasswordHash" or "SecurityStamp";
    }
}
