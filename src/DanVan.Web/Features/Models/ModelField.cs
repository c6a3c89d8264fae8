using System.Globalization;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

/// <summary>A field (lĩnh vực) of models: the four core fields and the extras an administrator configures.</summary>
public sealed class ModelField : IVersioned
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameDe { get; set; } = "";
    public bool IsCore { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public int Version { get; set; }

    public string LocalName => Catalogue.Pick(Name, NameEn, NameDe);
}
