using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Programs;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Programs;

/// <summary>The refusals of the cascade: bad input at its field, a parent that is no published program above, a
/// publication before the parent's, and the composite key underneath.</summary>
public sealed partial class ProgramCascadeTests
{
    [Fact]
    public async Task Bad_programs_and_items_are_refused_at_the_field_and_write_nothing()
    {
        var t = app.Tree;
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.C2));
        var before = await app.WithDbAsync(db => db.WorkPrograms.CountAsync());
        var bad = await officer.PostAsJsonAsync(
            "/api/v1/programs",
            new
            {
                unitId = t.C2.Id,
                year = Year + 5,
                kind = "WorkProgram",
                title = " ",
                bases = new object[] { new { number = "", title = "Không có số" } },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ApiJson.ReadAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Year", out _));
        Assert.True(errors.TryGetProperty("Title", out _));
        Assert.True(errors.TryGetProperty("Bases[0].Number", out _));

        // A parent that is not a published program of a unit above: a draft of the province's is refused.
        var p1Officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.P1));
        var draft = (
            await ApiJson.ReadAsync(
                await p1Officer.PostAsJsonAsync(
                    "/api/v1/programs",
                    Program(t.P1.Id, "Dự thảo", kind: "GovernmentPlan", year: Year - 1)
                )
            )
        )
            .GetProperty("id")
            .GetInt32();
        var toDraft = await officer.PostAsJsonAsync(
            "/api/v1/programs",
            Program(t.C2.Id, "Xã", draft, kind: "GovernmentPlan", year: Year - 1)
        );
        Assert.True((await ApiJson.ReadAsync(toDraft)).GetProperty("errors").TryGetProperty("ParentProgramId", out _));
        // A village keeps no program; an officer above does not draft the commune's.
        var village = await officer.PostAsJsonAsync("/api/v1/programs", Program(t.V3.Id, "Thôn"));
        Assert.Equal(HttpStatusCode.Forbidden, village.StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await p1Officer.PostAsJsonAsync("/api/v1/programs", Program(t.C2.Id, "Cấp trên soạn hộ"))).StatusCode
        );
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.WorkPrograms.CountAsync()));

        // An item with a month and a quarter, or without a task.
        var own = (
            await ApiJson.ReadAsync(
                await officer.PostAsJsonAsync(
                    "/api/v1/programs",
                    Program(t.C2.Id, "Chương trình của xã", kind: "GovernmentPlan")
                )
            )
        )
            .GetProperty("id")
            .GetInt32();
        var item = await officer.PostAsJsonAsync(
            $"/api/v1/programs/{own}/items",
            new
            {
                task = "",
                dueMonth = 3,
                dueQuarter = 1,
            }
        );
        var itemErrors = (await ApiJson.ReadAsync(item)).GetProperty("errors");
        Assert.True(itemErrors.TryGetProperty("Task", out _));
        Assert.True(itemErrors.TryGetProperty("DueQuarter", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.ProgramItems.CountAsync(i => i.ProgramId == own)));
        // A program without items is not submitted.
        Assert.Equal(409, (await StepAsync(officer, own, "Submit")).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_lower_level_never_publishes_before_the_program_it_concretizes()
    {
        var t = app.Tree;
        var p1Officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.P1));
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.C1));
        var leader = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Leader, t.C1));
        var parent = (
            await ApiJson.ReadAsync(
                await p1Officer.PostAsJsonAsync(
                    "/api/v1/programs",
                    Program(t.P1.Id, "Kế hoạch của tỉnh", kind: "GovernmentPlan", year: Year + 1)
                )
            )
        )
            .GetProperty("id")
            .GetInt32();
        var child = (
            await ApiJson.ReadAsync(
                await officer.PostAsJsonAsync(
                    "/api/v1/programs",
                    Program(t.C1.Id, "Kế hoạch của xã", kind: "GovernmentPlan", year: Year + 1)
                )
            )
        )
            .GetProperty("id")
            .GetInt32();
        await ApiJson.OkAsync(await officer.PostAsJsonAsync($"/api/v1/programs/{child}/items", Item("Nhiệm vụ")));
        // A link written past the handler (an import, an old row) to a parent not yet published.
        await app.WithDbAsync(db =>
            db.WorkPrograms.Where(p => p.Id == child)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ParentProgramId, parent))
        );
        await StepAsync(officer, child, "Submit");
        await StepAsync(leader, child, "Approve", Decision());
        var early = await StepAsync(officer, child, "Publish");
        Assert.Equal(409, early.GetProperty("status").GetInt32());
        Assert.Equal(
            "Approved",
            await app.WithDbAsync(db =>
                db.WorkPrograms.Where(p => p.Id == child).Select(p => p.Status.ToString()).SingleAsync()
            )
        );
    }

    [Fact]
    public async Task The_database_refuses_an_item_pointing_at_an_item_of_another_program()
    {
        var p2 = app.Tree.P2;
        ProgramItem NewItem(WorkProgram program, string task) =>
            new()
            {
                ProgramId = program.Id,
                UnitId = p2.Id,
                ProvinceId = p2.Id,
                Order = 1,
                Task = task,
            };
        var (x, y, xItem, yItem) = await app.WithDbAsync(async db =>
        {
            var x = new WorkProgram
            {
                UnitId = p2.Id,
                ProvinceId = p2.Id,
                UnitLevel = p2.Level,
                Year = Year,
                Kind = ProgramKind.WorkProgram,
                Title = "X",
            };
            var y = new WorkProgram
            {
                UnitId = p2.Id,
                ProvinceId = p2.Id,
                UnitLevel = p2.Level,
                Year = Year,
                Kind = ProgramKind.GovernmentPlan,
                Title = "Y",
            };
            db.WorkPrograms.AddRange(x, y);
            await db.SaveChangesAsync();
            var xItem = NewItem(x, "x1");
            var yItem = NewItem(y, "y1");
            db.ProgramItems.AddRange(xItem, yItem);
            await db.SaveChangesAsync();
            return (x, y, xItem.Id, yItem.Id);
        });

        // (parent program X, item of Y): no such key.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() =>
            app.WithDbAsync(async db =>
            {
                var wrong = NewItem(y, "wrong");
                wrong.ParentProgramId = x.Id;
                wrong.ParentItemId = yItem;
                db.ProgramItems.Add(wrong);
                await db.SaveChangesAsync();
            })
        );
        // (parent program X, item of X): stored.
        await app.WithDbAsync(async db =>
        {
            var right = NewItem(y, "right");
            right.ParentProgramId = x.Id;
            right.ParentItemId = xItem;
            db.ProgramItems.Add(right);
            await db.SaveChangesAsync();
        });
        Assert.Equal(1, await app.WithDbAsync(db => db.ProgramItems.CountAsync(i => i.ParentItemId == xItem)));
    }
}
