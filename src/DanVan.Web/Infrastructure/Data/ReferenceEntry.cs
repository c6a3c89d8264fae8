using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// An entry of a reference catalogue (a field of models, a result indicator, a petition category …): a stable code,
/// a name in each interface language, offered or retired, an order, a version for concurrent edits. Entries are never
/// deleted: a retired one stays on the records that use it.
/// </summary>
public abstract class ReferenceEntry : IVersioned
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameDe { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public int Version { get; set; }

    public string LocalName => Cultures.Pick(Name, NameEn, NameDe);
}

/// <summary>The code and the three names of a new or edited catalogue entry, checked alike in every
/// catalogue.</summary>
public abstract class ReferenceEntryInput
{
    [RequiredField, MaxChars(ReferenceEntries.CodeLength), OfficialCode]
    [Display(Name = nameof(SharedResource.Field_Code), ResourceType = typeof(SharedResource))]
    public string Code { get; set; } = "";

    [RequiredField, MaxChars(ReferenceEntries.NameLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_NameVi), ResourceType = typeof(SharedResource))]
    public string Name { get; set; } = "";

    [RequiredField, MaxChars(ReferenceEntries.NameLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_NameEn), ResourceType = typeof(SharedResource))]
    public string NameEn { get; set; } = "";

    [RequiredField, MaxChars(ReferenceEntries.NameLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_NameDe), ResourceType = typeof(SharedResource))]
    public string NameDe { get; set; } = "";
}

/// <summary>The shared mapping and rules of the reference catalogues.</summary>
public static class ReferenceEntries
{
    public const int CodeLength = 50;
    public const int NameLength = 200;

    /// <summary>The table of a catalogue: bounded code and names, a unique code, the version as concurrency
    /// token.</summary>
    public static void IsReferenceCatalogue<T>(this EntityTypeBuilder<T> b, string table)
        where T : ReferenceEntry
    {
        b.ToTable(table);
        b.Property(e => e.Code).HasMaxLength(CodeLength).IsRequired();
        b.Property(e => e.Name).HasMaxLength(NameLength).IsRequired();
        b.Property(e => e.NameEn).HasMaxLength(NameLength).IsRequired();
        b.Property(e => e.NameDe).HasMaxLength(NameLength).IsRequired();
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.LocalName);
        b.HasIndex(e => e.Code).IsUnique();
    }

    /// <summary>Whether another entry of the catalogue has the code (<paramref name="exceptId"/> is the one being
    /// edited).</summary>
    public static Task<bool> CodeTakenAsync<T>(
        this IQueryable<T> entries,
        string code,
        int? exceptId,
        CancellationToken ct
    )
        where T : ReferenceEntry => entries.AnyAsync(e => e.Code == code && e.Id != (exceptId ?? 0), ct);

    /// <summary>The place of a new entry: after the last.</summary>
    public static async Task<int> NextSortOrderAsync<T>(this IQueryable<T> entries, CancellationToken ct)
        where T : ReferenceEntry => (await entries.MaxAsync(e => (int?)e.SortOrder, ct) ?? 0) + 10;

    /// <summary>Copies the code and the names of the input onto the entry.</summary>
    public static void Apply(this ReferenceEntry entry, ReferenceEntryInput input)
    {
        entry.Code = input.Code;
        entry.Name = input.Name;
        entry.NameEn = input.NameEn;
        entry.NameDe = input.NameDe;
    }
}
