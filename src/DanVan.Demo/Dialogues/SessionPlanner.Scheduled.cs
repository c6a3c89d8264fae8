namespace DanVan.Demo;

/// <summary>The sessions of the coming weeks, each set up for something the demo shows (a notice due, a rule
/// broken).</summary>
internal sealed partial class SessionPlanner
{
    /// <summary>The sessions of the coming weeks that the schedule shows beyond the reception days.</summary>
    private void Scheduled()
    {
        var kinhBac = world.Communes.Single(c => c.Code == BacNinhDemo.WardCode);
        // Kinh Bắc's December-style conference: notice not yet published (still 9 days to do it).
        Add(Conference(kinhBac, WorkingDayFrom(Today.AddDays(16), 1), publishResults: false, noNotice: true), 0);
        // Another commune's conference in five days without a notice: the 7-day rule is already broken.
        if (world.Communes.FirstOrDefault(c => c.Code == "09340") is { } daiDong)
        {
            Add(Conference(daiDong, WorkingDayFrom(Today.AddDays(5), 1), publishResults: false, noNotice: true), 0);
        }

        if (world.Communes.FirstOrDefault(c => c.Code == "09349") is { } phatTich)
        {
            var day = WorkingDayFrom(Today.AddDays(11), 1);
            Add(Conference(phatTich, day, publishResults: false, notice: WorkingDayFrom(Today.AddDays(-1), -1)), 0);
        }

        if (world.Communes.FirstOrDefault(c => c.Code == "09454") is { } giaBinh)
        {
            Add(AdHocDialogue(giaBinh, WorkingDayFrom(Today.AddDays(9), 1)), 0);
        }

        var tienDu = world.Communes.Single(c => c.Code == BacNinhDemo.CommuneCode);
        Add(AdHocDialogue(tienDu, WorkingDayFrom(Today.AddDays(13), 1)), 0);
        Add(ProvinceBusiness(world.OfficialsOf(world.Province), WorkingDayFrom(Today.AddDays(20), 1)), 0);
    }
}
