using System.Text;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Cli;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Units;

/// <summary>The operator command import-units with the national list: exact counts, and all-or-nothing.</summary>
public sealed class NationalImportTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task A_national_list_with_one_broken_row_imports_nothing_and_the_correct_list_yields_exactly_its_counts()
    {
        var rows = NationalUnitList.Rows();
        Assert.Equal(NationalUnitList.Provinces + NationalUnitList.Communes, rows.Count);
        var folder = Directory.CreateTempSubdirectory("danvan-import-").FullName;
        var good = Path.Combine(folder, "units.csv");
        var broken = Path.Combine(folder, "units-broken.csv");
        var text = NationalUnitList.Text();
        await File.WriteAllTextAsync(good, text, new UTF8Encoding(false));
        var lines = text.Split("\r\n").ToList();
        lines[2000] = lines[2000]
            .Replace(",ward,", ",hamlet,", StringComparison.Ordinal)
            .Replace(",commune,", ",hamlet,", StringComparison.Ordinal)
            .Replace(",special_zone,", ",hamlet,", StringComparison.Ordinal);
        await File.WriteAllTextAsync(broken, string.Join("\r\n", lines), new UTF8Encoding(false));
        var codes = rows.Select(r => r[0]).ToList();

        var output = new StringWriter();
        var exit = await OperatorCommands.RunAsync(app.Services, "import-units", [broken], output);
        Assert.Equal(1, exit);
        Assert.Contains("row 2001", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(codes));

        output = new StringWriter();
        exit = await OperatorCommands.RunAsync(app.Services, "import-units", [good], output);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains(
            $"{NationalUnitList.Provinces + NationalUnitList.Communes} created",
            output.ToString(),
            StringComparison.Ordinal
        );

        var byKind = await app.WithDbAsync(db =>
            db.Units.Where(u => codes.Contains(u.Code) && u.ValidTo == null)
                .GroupBy(u => u.Kind)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count)
        );
        Assert.Equal(
            NationalUnitList.Provinces,
            byKind.GetValueOrDefault(UnitKind.Province) + byKind.GetValueOrDefault(UnitKind.City)
        );
        Assert.Equal(
            NationalUnitList.Communes,
            byKind.GetValueOrDefault(UnitKind.Commune)
                + byKind.GetValueOrDefault(UnitKind.Ward)
                + byKind.GetValueOrDefault(UnitKind.SpecialZone)
        );
        var expectedKinds = rows.GroupBy(r => r[4]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expectedKinds["commune"], byKind[UnitKind.Commune]);
        Assert.Equal(expectedKinds["ward"], byKind[UnitKind.Ward]);
        Assert.Equal(expectedKinds["special_zone"], byKind[UnitKind.SpecialZone]);

        // Every commune hangs under its province and carries it as its ancestor.
        var misplaced = await app.WithDbAsync(db =>
            (
                from commune in db.Units.Where(u => codes.Contains(u.Code) && u.Level == UnitLevel.Commune)
                join province in db.Units on commune.ParentId equals province.Id
                where
                    commune.ProvinceId != province.Id
                    || commune.CommuneId != commune.Id
                    || province.ProvinceId != province.Id
                select commune.Code
            ).CountAsync()
        );
        Assert.Equal(0, misplaced);

        // Importing the same list again changes nothing.
        output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "import-units", [good], output));
        Assert.Contains(
            $"{NationalUnitList.Provinces + NationalUnitList.Communes} unchanged",
            output.ToString(),
            StringComparison.Ordinal
        );
        Assert.Equal(NationalUnitList.Provinces + NationalUnitList.Communes, await CountAsync(codes));
        Directory.Delete(folder, recursive: true);
    }

    private Task<int> CountAsync(List<string> codes) =>
        app.WithDbAsync(db => db.Units.CountAsync(u => codes.Contains(u.Code) && u.ValidTo == null));
}
