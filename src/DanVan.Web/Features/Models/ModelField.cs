using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Models;

/// <summary>A field (lĩnh vực) of models: the four core fields and the extras an administrator configures.</summary>
public sealed class ModelField : ReferenceEntry
{
    public bool IsCore { get; set; }
}
