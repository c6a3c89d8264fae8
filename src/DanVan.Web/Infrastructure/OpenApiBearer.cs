using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DanVan.Web.Infrastructure;

/// <summary>Describes the personal API token (Authorization: Bearer dv_…) in the OpenAPI document.</summary>
internal sealed class OpenApiBearer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken
    )
    {
        document.Info.Title = "DanVan API";
        document.Info.Description =
            "Mass-mobilization information system. Create a personal token in your profile (/account/tokens) and send it as 'Authorization: Bearer dv_…'. Every call sees only the units of the token's account.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal API token from /account/tokens.",
        };
        document.Security ??= [];
        document.Security.Add(
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }
        );
        return Task.CompletedTask;
    }
}
