using System.Globalization;
using DanVan.Web.Features.Units;

namespace DanVan.Bench.Generate;

/// <summary>One unit of the generated tree, before it is written.</summary>
internal sealed record TreeUnit(string Code, string Name, string? NameEn, UnitKind Kind, string? ParentCode);

/// <summary>
/// The provinces and communes of the data set: Vietnam's real list (34 provinces, 3,321 communes) where the
/// reference file exists, else generated names of the same shape. A scale below 1 keeps the same share of
/// every province's communes (at least one each), so a commune holds as much data at 1% as at national scale
/// and only the country grows.
/// </summary>
internal static class UnitTree
{
    public const int NationalProvinces = 34;
    public const int NationalCommunes = 3_321;

    /// <summary>Where the reference list is looked for: DANVAN_UNITS_CSV, else ../shared beside the repository.</summary>
    public static string? FindReferenceFile()
    {
        var configured = Environment.GetEnvironmentVariable("DANVAN_UNITS_CSV");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "vn-units", "units-2026-07.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static (List<TreeUnit> Units, string Source) Load(double scale)
    {
        var file = FindReferenceFile();
        var all = file is null ? Generated() : Read(file);
        var provinces = all.Where(u => u.ParentCode is null).ToList();
        // Below 1% the provinces thin out too (one commune each), down to one province at 0.03%: the smoke test's size.
        if (scale < 0.01)
        {
            provinces = provinces.Take(Math.Max(1, (int)Math.Round(provinces.Count * scale * 100))).ToList();
        }

        var kept = new List<TreeUnit>();
        foreach (var province in provinces)
        {
            var communes = all.Where(u => u.ParentCode == province.Code).ToList();
            var keep = Math.Max(1, (int)Math.Round(communes.Count * scale, MidpointRounding.AwayFromZero));
            kept.Add(province);
            kept.AddRange(communes.Take(keep));
        }

        return (kept, file is null ? "generated names" : "the reference list " + Path.GetFileName(file));
    }

    private static List<TreeUnit> Read(string file)
    {
        var units = new List<TreeUnit>();
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // No field of this file holds a comma.
            var f = line.Split(',');
            var kind = f[4] switch
            {
                "province" => UnitKind.Province,
                "city" => UnitKind.City,
                "ward" => UnitKind.Ward,
                "special_zone" => UnitKind.SpecialZone,
                _ => UnitKind.Commune,
            };
            units.Add(new TreeUnit(f[0], f[1], f[3].Length == 0 ? null : f[3], kind, f[5].Length == 0 ? null : f[5]));
        }

        return units;
    }

    /// <summary>34 provinces and 3,321 communes with codes and names of the real list's shape.</summary>
    private static List<TreeUnit> Generated()
    {
        var units = new List<TreeUnit>();
        var commune = 0;
        for (var p = 0; p < NationalProvinces; p++)
        {
            var code = (p + 1).ToString("00", CultureInfo.InvariantCulture);
            units.Add(
                new TreeUnit(
                    code,
                    $"Tỉnh số {p + 1}",
                    $"Province {p + 1}",
                    p < 6 ? UnitKind.City : UnitKind.Province,
                    null
                )
            );
            var count = NationalCommunes / NationalProvinces + (p < NationalCommunes % NationalProvinces ? 1 : 0);
            for (var c = 0; c < count; c++)
            {
                commune++;
                var ward = c % 4 == 0;
                units.Add(
                    new TreeUnit(
                        (commune * 3).ToString("00000", CultureInfo.InvariantCulture),
                        ward ? $"Phường số {commune}" : $"Xã số {commune}",
                        ward ? $"Ward {commune}" : $"Commune {commune}",
                        ward ? UnitKind.Ward : UnitKind.Commune,
                        code
                    )
                );
            }
        }

        return units;
    }
}
