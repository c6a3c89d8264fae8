using DanVan.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Components.Forms;

namespace DanVan.Web.Components.Shared;

/// <summary>
/// Carries a handler's error onto a form: field messages into the edit context (so inputs are marked
/// invalid and the summary links to them), the rest as one message for the top of the page.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> fields = [];

    public string? Message { get; private set; }

    public IReadOnlyDictionary<string, List<string>> Fields => fields;

    public bool Any => Message is not null || fields.Count > 0;

    public IReadOnlyList<string> For(string field) => fields.TryGetValue(field, out var list) ? list : [];

    public bool Has(string field) => fields.ContainsKey(field);

    /// <summary>aria-describedby for an input: its hint (if any) and its error (if any).</summary>
    public string? DescribedBy(string field, bool hasHint = false)
    {
        var ids = new List<string>();
        if (hasHint)
        {
            ids.Add(field + "-hint");
        }

        if (Has(field))
        {
            ids.Add(field + "-error");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public void Clear()
    {
        fields.Clear();
        Message = null;
    }

    public void Show(Error error, EditContext? context = null, object? model = null)
    {
        Clear();
        if (error is ValidationError validation)
        {
            Message = validation.Message;
            var store = context is null ? null : new ValidationMessageStore(context);
            foreach (var (field, messages) in validation.Fields)
            {
                fields[field.Length == 0 ? "" : field] = [.. messages];
                if (store is not null && field.Length > 0)
                {
                    store.Add(new FieldIdentifier(model ?? context!.Model, field), messages);
                }
            }

            context?.NotifyValidationStateChanged();
        }
        else
        {
            Message = error.Message;
        }
    }
}
