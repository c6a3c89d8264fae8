using System.Globalization;
using DanVan.Web.Infrastructure.Errors;

namespace DanVan.Web.Features.Campaigns.Pages;

/// <summary>
/// What the grid page shows in its cells besides the stored figures, keyed "unit.indicator": the text, version and
/// original a post carried (kept when the form comes back), each cell's errors and conflict, and the rows whose details
/// are open. The page fills it from a post; <see cref="FigureGridTable"/> draws it.
/// </summary>
public sealed class GridCells
{
    public Dictionary<string, List<string>> Errors { get; } = [];
    public Dictionary<string, string> Conflicts { get; } = [];
    public Dictionary<string, string> Typed { get; } = [];
    public Dictionary<string, int> Versions { get; } = [];
    public Dictionary<string, string> Originals { get; } = [];
    public Dictionary<string, string> Notes { get; } = [];
    public Dictionary<string, string> NoteOriginals { get; } = [];
    public HashSet<int> OpenDetails { get; } = [];

    /// <summary>Messages that belong to no cell.</summary>
    public List<string> General { get; } = [];

    public static string Key(int unitId, int indicatorId) =>
        string.Create(CultureInfo.InvariantCulture, $"{unitId}.{indicatorId}");

    public static string CellId(int unitId, int indicatorId) =>
        string.Create(CultureInfo.InvariantCulture, $"cell-{unitId}-{indicatorId}");

    public static string CellId(string key) => "cell-" + key.Replace('.', '-');

    public static string Shown(decimal? value) =>
        value is { } v ? FigureText.Format(v, CultureInfo.CurrentCulture) : "";

    public string TypedText(string key, GridCell cell) =>
        Typed.TryGetValue(key, out var text) ? text : Shown(cell.Value);

    public bool RowHasError(GridRow row) =>
        row.Cells.Any(c =>
            Errors.ContainsKey(Key(row.UnitId, c.IndicatorId)) || Conflicts.ContainsKey(Key(row.UnitId, c.IndicatorId))
        );

    public static string? DescribedBy(string id, List<string>? errors, string? conflict)
    {
        var ids = new List<string>();
        if (errors is not null)
        {
            ids.Add($"{id}-error");
        }

        if (conflict is not null)
        {
            ids.Add($"{id}-conflict");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public void AddError(GridRow row, int column, string message)
    {
        var key = Key(row.UnitId, row.Cells[column].IndicatorId);
        if (!Errors.TryGetValue(key, out var list))
        {
            Errors[key] = list = [];
        }

        list.Add(message);
    }

    /// <summary>EnterFigures' errors are keyed "Figures[i]" by the position of the cell in the batch (<paramref
    /// name="keys"/>).</summary>
    public void AddErrors(CampaignGrid grid, ValidationError validation, List<string> keys)
    {
        foreach (var (field, messages) in validation.Fields)
        {
            var open = field.IndexOf('[');
            if (
                open > 0
                && field.EndsWith(']')
                && int.TryParse(field[(open + 1)..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
                && i < keys.Count
            )
            {
                var (row, column) = Locate(grid, keys[i]);
                if (row is not null)
                {
                    foreach (var message in messages)
                    {
                        AddError(row, column, message);
                    }

                    if (Notes.TryGetValue(keys[i], out var note) && note.Length > 0)
                    {
                        OpenDetails.Add(row.UnitId);
                    }

                    continue;
                }
            }

            foreach (var message in messages)
            {
                General.Add(message);
            }
        }
    }

    /// <summary>The cells' messages for the summary, in the grid's order (row by row), each linking to its
    /// cell.</summary>
    public Dictionary<string, string[]> SummaryFields(CampaignGrid grid)
    {
        var fields = new Dictionary<string, string[]>();
        foreach (var key in grid.Rows.SelectMany(r => r.Cells.Select(c => Key(r.UnitId, c.IndicatorId))))
        {
            if (Errors.TryGetValue(key, out var messages))
            {
                fields[CellId(key)] = [.. messages.Select(m => Prefix(grid, key) + m)];
            }
        }

        if (General.Count > 0)
        {
            fields[""] = [.. General];
        }

        return fields;
    }

    /// <summary>"Indicator – Unit: ", the start of a cell's message in the summary.</summary>
    public static string Prefix(CampaignGrid grid, string key)
    {
        var (row, column) = Locate(grid, key);
        return row is null || column < 0 ? "" : $"{grid.Indicators[column].Name} – {row.UnitName}: ";
    }

    private static (GridRow? Row, int Column) Locate(CampaignGrid grid, string key)
    {
        var dot = key.IndexOf('.');
        var unitId = int.Parse(key[..dot], CultureInfo.InvariantCulture);
        var indicatorId = int.Parse(key[(dot + 1)..], CultureInfo.InvariantCulture);
        var row = grid.Rows.FirstOrDefault(r => r.UnitId == unitId);
        return (row, row is null ? -1 : row.Cells.ToList().FindIndex(c => c.IndicatorId == indicatorId));
    }
}
