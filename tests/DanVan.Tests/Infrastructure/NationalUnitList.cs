using System.Globalization;
using System.Text;

namespace DanVan.Tests.Infrastructure;

/// <summary>
/// Vietnam's official list of 34 provinces and 3,321 commune-level units: the real file from
/// ../shared/data where it exists (as in CI), otherwise a generated file of the same size and shape
/// (same columns, same counts per kind), so the tests that use it always run.
/// </summary>
public static class NationalUnitList
{
    public const int Provinces = 34;
    public const int Communes = 3321;

    public static string RealPath =>
        Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "data", "vn-units", "units-2026-07.csv"));

    public static bool IsReal => File.Exists(RealPath);

    /// <summary>The file's text (CRLF line endings, as the official file has).</summary>
    public static string Text() => IsReal ? File.ReadAllText(RealPath, Encoding.UTF8) : Generate();

    public static IReadOnlyList<string[]> Rows() =>
        [.. Text().Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => l.Split(','))];

    private static string Generate()
    {
        var text = new StringBuilder("code,name,full_name,name_en,kind,parent_code\r\n");
        // 27 provinces and 7 centrally-run cities; 2,611 communes, 697 wards, 13 special zones.
        var communeKinds = Enumerable
            .Repeat("commune", 2611)
            .Concat(Enumerable.Repeat("ward", 697))
            .Concat(Enumerable.Repeat("special_zone", 13))
            .ToList();
        var next = 0;
        for (var p = 0; p < Provinces; p++)
        {
            var code = (p + 1).ToString("00", CultureInfo.InvariantCulture);
            var kind = p < 27 ? "province" : "city";
            var name = $"Tỉnh Thử {p + 1}";
            text.Append(CultureInfo.InvariantCulture, $"{code},{name},{name},Province {p + 1},{kind},\r\n");
            var count = Communes / Provinces + (p < Communes % Provinces ? 1 : 0);
            for (var c = 0; c < count; c++, next++)
            {
                var communeCode = (10000 + next).ToString("00000", CultureInfo.InvariantCulture);
                var communeName = $"Đơn vị {next + 1}";
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"{communeCode},{communeName},{communeName},Unit {next + 1},{communeKinds[next]},{code}\r\n"
                );
            }
        }

        return text.ToString();
    }
}
