using System.Globalization;
using DanVan.Web.Features.Units;

namespace DanVan.Demo;

/// <summary>
/// SYNTHETIC people of the demonstration: Vietnamese names drawn from common family, middle and given names,
/// telephone numbers, 12-digit identity numbers and addresses. Nobody here exists; the identity numbers start
/// with "000", a province code no real card carries.
/// </summary>
internal sealed class DemoPeople(Random random)
{
    private static readonly PeopleFile Tables = DemoText.Load<PeopleFile>("people");

    // Weighted roughly like the population: Nguyễn first by far; Thân and Giáp are typical of the Bắc Giang side.
    private static readonly Family[] Families = Tables.Families;

    private static readonly int FamilyTotal = Families.Sum(f => f.Weight);
    private static readonly string[] MaleMiddle = Tables.MaleMiddle;
    private static readonly string[] FemaleMiddle = Tables.FemaleMiddle;
    private static readonly string[] MaleGiven = Tables.MaleGiven;
    private static readonly string[] FemaleGiven = Tables.FemaleGiven;
    private static readonly string[] CompanyKinds = Tables.CompanyKinds;
    private static readonly string[] CompanyTrades = Tables.CompanyTrades;
    private static readonly string[] CompanyNames = Tables.CompanyNames;

    public string Name(bool? female = null)
    {
        var isFemale = female ?? random.Next(2) == 0;
        var roll = random.Next(FamilyTotal);
        var family = Families[^1].Name;
        foreach (var (name, weight) in Families)
        {
            if (roll < weight)
            {
                family = name;
                break;
            }

            roll -= weight;
        }

        return isFemale
            ? $"{family} {FemaleMiddle[random.Next(FemaleMiddle.Length)]} {FemaleGiven[random.Next(FemaleGiven.Length)]}"
            : $"{family} {MaleMiddle[random.Next(MaleMiddle.Length)]} {MaleGiven[random.Next(MaleGiven.Length)]}";
    }

    public string Company() =>
        $"{CompanyKinds[random.Next(CompanyKinds.Length)]} {CompanyTrades[random.Next(CompanyTrades.Length)]} {CompanyNames[random.Next(CompanyNames.Length)]}";

    /// <summary>A mobile number written as people write it: 09xx xxx xxx.</summary>
    public string Phone() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"09{random.Next(10, 100)} {random.Next(0, 1000):000} {random.Next(0, 1000):000}"
        );

    /// <summary>Twelve digits like a citizen identity card, but with the non-existent province code 000.</summary>
    public string IdNumber() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"000{random.Next(0, 4)}{random.Next(40, 100):00}{random.Next(0, 1_000_000):000000}"
        );

    /// <summary>"Xóm 3, Thôn Đông, xã Tiên Du" or, in a ward, "Số 12, Tổ dân phố số 4, phường Kinh Bắc".</summary>
    public string Address(Unit place, Unit commune)
    {
        var title = DemoDialogues.Title(commune);
        var ward = commune.Kind == UnitKind.Ward;
        var house = ward ? $"Số {random.Next(1, 180)}" : $"Xóm {random.Next(1, 9)}";
        return place.Level == UnitLevel.Village ? $"{house}, {place.Name}, {title}" : $"{house}, {title}";
    }

    private sealed record Family(string Name, int Weight);

    /// <summary>Data/people.json.</summary>
    private sealed record PeopleFile(
        Family[] Families,
        string[] MaleMiddle,
        string[] FemaleMiddle,
        string[] MaleGiven,
        string[] FemaleGiven,
        string[] CompanyKinds,
        string[] CompanyTrades,
        string[] CompanyNames
    );
}
