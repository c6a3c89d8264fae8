using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DanVan.Demo;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Cli;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Operations;

/// <summary>The operator commands of the executable, and the Bắc Ninh demonstration data.</summary>
public sealed partial class OperatorCommandTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Seed_demo_loads_Bac_Ninh_after_the_merger_once_and_a_second_run_adds_nothing()
    {
        var output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "seed-demo", [], output));
        Assert.Contains("tiendu.canbo@danvan.demo", output.ToString(), StringComparison.Ordinal);
        var counts = await CountDemoAsync();

        output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "seed-demo", [], output));
        Assert.Contains("nothing added", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(counts, await CountDemoAsync());

        var province = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Code == "24" && u.ValidTo == null));
        Assert.Equal("Bắc Ninh", province.Name);
        var kinds = await app.WithDbAsync(db =>
            db.Units.Where(u => u.ParentId == province.Id && u.ValidTo == null)
                .GroupBy(u => u.Kind)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count)
        );
        Assert.Equal(66, kinds[UnitKind.Commune]);
        Assert.Equal(33, kinds[UnitKind.Ward]);
        Assert.Equal(
            BacNinhDemo.Communes.Select(c => c.Code).Order(),
            await app.WithDbAsync(db =>
                db.Units.Where(u => u.ParentId == province.Id && u.ValidTo == null)
                    .Select(u => u.Code)
                    .OrderBy(c => c)
                    .ToListAsync()
            )
        );
        var withVillages = await app.WithDbAsync(db =>
            db.Units.Where(u => u.ProvinceId == province.Id && u.Level == UnitLevel.Village)
                .Select(u => u.CommuneId)
                .Distinct()
                .CountAsync()
        );
        Assert.True(withVillages >= 5, $"only {withVillages} communes have villages");
        Assert.False(
            await app.WithDbAsync(db =>
                db.Units.AnyAsync(u => u.ProvinceId == province.Id && u.Level == UnitLevel.Village && !u.IsSynthetic)
            )
        );
        var former = await app.WithDbAsync(db =>
            db.Units.Where(u => u.SuccessorId == province.Id).Select(u => u.Code).OrderBy(c => c).ToListAsync()
        );
        Assert.Equal(["24", "27"], former);
        Assert.True(
            await app.WithDbAsync(db =>
                db.Organizations.AnyAsync(o =>
                    o.UnitId == province.Id
                    && o.Type == Web.Features.Organizations.OrganizationType.PropagandaMobilizationCommission
                )
            )
        );

        // The commune officer of Tiên Du sees Tiên Du and its villages, nothing of Kinh Bắc.
        var tienDu = await app.WithDbAsync(db =>
            db.Units.SingleAsync(u => u.Code == BacNinhDemo.CommuneCode && u.ValidTo == null)
        );
        var kinhBac = await app.WithDbAsync(db =>
            db.Units.SingleAsync(u => u.Code == BacNinhDemo.WardCode && u.ValidTo == null)
        );
        var officer = await app.WithDbAsync(db => db.Users.SingleAsync(a => a.Email == "tiendu.canbo@danvan.demo"));
        using var client = await app.SignInAsync(
            new TestAccount(officer.Id, officer.Email!, BacNinhDemo.Password, null, Role.Officer, tienDu)
        );
        var (_, units) = await client.GetPageAsync("/units");
        Assert.Equal(9, units.QuerySelectorAll("main table tbody tr").Length);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/units/{kinhBac.Id}")).StatusCode);
    }

    private Task<(
        int Units,
        int Organizations,
        int Accounts,
        int Dialogues,
        int Petitions,
        int Events,
        int Notifications
    )> CountDemoAsync() =>
        app.WithDbAsync(async db =>
            (
                await db.Units.CountAsync(),
                await db.Organizations.CountAsync(),
                await db.Users.CountAsync(a => a.Email!.EndsWith("@danvan.demo")),
                await db.Dialogues.CountAsync(),
                await db.Petitions.CountAsync(),
                await db.PetitionEvents.CountAsync(),
                await db.Notifications.CountAsync()
            )
        );

    /// <summary>The demo's personal data — petitioners' names, telephones, addresses and identity numbers, cadres'
    /// names, telephones and e-mail addresses — and the tests' own petitioner (PetitionData), one value a line, for
    /// scripts/test.sh's scan of the run's server logs (<see cref="LogFile"/>): none may appear in a log.</summary>
    [Fact]
    public async Task The_demos_personal_data_is_listed_for_the_log_scan()
    {
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "seed-demo", [], new StringWriter()));
        var petitioners = await app.WithDbAsync(db =>
            db.Petitions.AsNoTracking()
                .Select(p => new[] { p.PetitionerName, p.PetitionerPhone, p.PetitionerAddress, p.PetitionerIdNumber })
                .ToListAsync()
        );
        var cadres = await app.WithDbAsync(db =>
            db.Cadres.AsNoTracking().Select(c => new[] { c.FullName, c.Phone, c.Email }).ToListAsync()
        );
        string[] tests = ["Lê Văn Dân", "0912 345 678", "001203004567", "Xóm 3, thôn Thượng"];
        var values = petitioners
            .Concat(cadres)
            .SelectMany(v => v)
            .Concat(tests)
            .Select(v => v?.Trim())
            .Where(v => v is { Length: >= 6 })
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(values.Count > 100, $"only {values.Count} personal values in the demo");
        Assert.Contains(values, v => Regex.IsMatch(v!, @"^0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}$")); // telephones
        if (LogFile.Folder is { } folder)
        {
            await File.WriteAllLinesAsync(Path.Combine(folder, "personal-data.txt"), values!);
        }
    }

    [Fact]
    public async Task Demo_dialogues_and_petitions_cover_every_type_and_state_with_histories_the_app_would_have_written()
    {
        // Idempotent: whichever test of this class seeds first, the demo is there once.
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "seed-demo", [], new StringWriter()));
        var today = VietnamTime.Today(TimeProvider.System);
        var province = await app.WithDbAsync(db =>
            db.Units.SingleAsync(u => u.Code == BacNinhDemo.ProvinceCode && u.ValidTo == null)
        );

        // Sessions of every kind, within a year back and a few weeks ahead; the 7/10-day checks and the reception rule
        // have something to show.
        var dialogues = await app.WithDbAsync(db =>
            db.Dialogues.AsNoTracking().Where(d => d.ProvinceId == province.Id).ToListAsync()
        );
        Assert.Equal(Enum.GetValues<DialogueType>().Order(), dialogues.Select(d => d.Type).Distinct().Order());
        Assert.InRange(dialogues.Count, 900, 4000);
        Assert.All(dialogues, d => Assert.InRange(d.HeldOn, today.AddMonths(-12), today.AddDays(31)));
        Assert.Contains(dialogues, d =>
            d.HeldOn > today && d.Type == DialogueType.DialogueConference && d.NoticePublishedOn is null
        );
        Assert.All(dialogues.Where(d => d.HeldOn > today), d => Assert.Null(d.ResultsPublishedOn));
        Assert.All(dialogues, d => Assert.True(d.NoticePublishedOn is not { } n || n <= today && n <= d.HeldOn));
        Assert.All(dialogues, d => Assert.True(d.ResultsPublishedOn is not { } r || r <= today && r >= d.HeldOn));
        var warnings = dialogues.SelectMany(d => DialogueRules.Check(d, today)).Select(c => c.Warning).ToHashSet();
        Assert.Superset(
            new HashSet<DialogueWarning>
            {
                DialogueWarning.NoticeLate,
                DialogueWarning.NoticeMissing,
                DialogueWarning.ResultsLate,
                DialogueWarning.ResultsOverdue,
            },
            warnings
        );
        IReadOnlyList<ReceptionRow> reception;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            reception = await scope
                .ServiceProvider.GetRequiredService<ReceptionFrequency>()
                .ComputeAsync(province, today, 6, CancellationToken.None);
        }

        var months = reception.SelectMany(r => r.Months.Take(5)).ToList(); // the current month may not be over
        Assert.Contains(months, m => !m.Met);
        Assert.True(
            months.Count(m => m.Met) > 0.85 * months.Count,
            $"{months.Count(m => !m.Met)} of {months.Count} months below the rule"
        );

        var petitions = await app.WithDbAsync(db =>
            db.Petitions.AsNoTracking().Where(p => p.ProvinceId == province.Id).ToListAsync()
        );
        Assert.Equal(Enum.GetValues<PetitionStatus>().Order(), petitions.Select(p => p.Status).Distinct().Order());
        Assert.Contains(petitions, p => p.EscalatedToUnitId == province.Id && PetitionLifecycle.IsRunning(p.Status));
        Assert.Contains(petitions, p => p.ExtensionRequestedTo is not null);
        Assert.Contains(petitions, p => p.ParentPetitionId is not null);
        Assert.Contains(petitions, p => p.RedirectedAs is not null && p.RedirectReference is not null);
        Assert.Contains(petitions, p => p.AnsweredOnTime == false && p.LateExplanation is not null);
        Assert.All(petitions, p =>
        {
            Assert.True(p.ReceivedOn <= today, p.TrackingCode);
            // A grouped petition takes its group's assignment, possibly from before it arrived.
            Assert.True(
                p.AssignedOn is not { } assigned
                    || assigned <= today && (assigned >= p.ReceivedOn || p.ParentPetitionId is not null),
                p.TrackingCode
            );
            Assert.True(p.DaysToAnswer is not { } toAnswer || toAnswer >= 0, p.TrackingCode);
            Assert.True(p.AnsweredOn is not { } answered || answered <= today, p.TrackingCode);
            Assert.Equal(p.AnsweredOn is { } on ? on <= p.DueOn : null, p.AnsweredOnTime);
            Assert.Equal(p.AnsweredOn is { } day ? day.DayNumber - p.ReceivedOn.DayNumber : null, p.DaysToAnswer);
            Assert.True(
                p.AnsweredOn is null || (p.AnsweredOnTime == false) == (p.LateExplanation is not null),
                p.TrackingCode
            );
            Assert.Equal(
                p.Status is PetitionStatus.Assigned or PetitionStatus.InProgress && p.DueOn < today,
                p.OverdueNotifiedOn is not null && p.IsOverdueOn(today)
            );
        });

        // Every petition's history ends in its state; a petition's own steps follow one another (grouped ones join in
        // their group's state).
        var events = await app.WithDbAsync(db =>
            db.PetitionEvents.AsNoTracking()
                .Where(e => e.ProvinceId == province.Id)
                .Select(e => new
                {
                    e.Id,
                    e.PetitionId,
                    e.Action,
                    e.From,
                    e.To,
                    e.On,
                    e.ActorName,
                    e.IsPublic,
                    e.DueOn,
                })
                .ToListAsync()
        );
        var histories = events.GroupBy(e => e.PetitionId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).ToList());
        var calendar = await app.WithDbAsync(async db => new WorkingDays(
            await db.CalendarDays.AsNoTracking().ToListAsync()
        ));
        var days = await app.WithDbAsync(db => db.PetitionCategories.ToDictionaryAsync(c => c.Id, c => c.ResponseDays));
        foreach (var p in petitions)
        {
            var history = histories[p.Id];
            Assert.Equal(PetitionAction.Receive, history[0].Action);
            Assert.Equal(p.Status, history[^1].To);
            Assert.All(history, e =>
                Assert.True(
                    e.On <= today
                        && e.On >= p.ReceivedOn
                        && e.IsPublic == PetitionSteps.IsPublic(e.Action)
                        && e.ActorName.Length > 0
                )
            );
            if (p.ParentPetitionId is null)
            {
                for (var i = 1; i < history.Count; i++)
                {
                    Assert.True(
                        history[i].From == history[i - 1].To && history[i].On >= history[i - 1].On,
                        $"{p.TrackingCode}: {history[i - 1].Action} → {history[i].Action}"
                    );
                }
            }

            if (PetitionLifecycle.IsRunning(p.Status) && !history.Any(e => e.Action == PetitionAction.ApproveExtension))
            {
                Assert.Equal(calendar.Add(p.AssignedOn!.Value, days[p.CategoryId]), p.DueOn);
            }

            if (p.ParentPetitionId is null)
            {
                // Marked overdue since the last step that clears the mark; escalated once, with its event.
                var mark = history.LastOrDefault(e =>
                    e.Action
                        is PetitionAction.Assign
                            or PetitionAction.ApproveExtension
                            or PetitionAction.Reopen
                            or PetitionAction.CitizenNotSatisfied
                            or PetitionAction.MarkOverdue
                );
                Assert.Equal(p.OverdueNotifiedOn is not null, mark?.Action == PetitionAction.MarkOverdue);
                Assert.Equal(p.EscalatedToUnitId is not null, history.Any(e => e.Action == PetitionAction.Escalate));
            }
        }

        // The overdue sweep finds nothing left to do: the demo's marks and escalations are the ones it would have made.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(
                new SweepResult(0, 0, 0),
                await scope.ServiceProvider.GetRequiredService<PetitionDeadlines>().RunAsync(CancellationToken.None)
            );
        }

        // No petitioner's data in the audit trail (seeded as the system, personal fields redacted).
        var phones = petitions.Select(p => p.PetitionerPhone).OfType<string>().ToHashSet();
        var idNumbers = petitions.Select(p => p.PetitionerIdNumber).OfType<string>().ToHashSet();
        Assert.NotEmpty(phones);
        var audited = await app.WithDbAsync(db =>
            db.AuditEntries.AsNoTracking()
                .Where(a =>
                    a.ProvinceId == province.Id && (a.EntityType == "Petition" || a.EntityType == "PetitionEvent")
                )
                .Select(a => new { a.ActorName, a.After })
                .ToListAsync()
        );
        Assert.True(audited.Count >= petitions.Count + events.Count, $"{audited.Count} audit entries");
        Assert.All(audited, a =>
        {
            Assert.Equal("system", a.ActorName);
            foreach (Match m in PhoneOrId().Matches(a.After ?? ""))
            {
                Assert.DoesNotContain(m.Value, phones);
                Assert.DoesNotContain(m.Value, idNumbers);
            }
        });

        // The demo accounts have work: the agency handlers' queues (some overdue) and unread notices about real
        // records.
        foreach (var prefix in new[] { "tinh", "kinhbac", "tiendu" })
        {
            var handler = await app.WithDbAsync(db =>
                db.Users.SingleAsync(a => a.Email == $"{prefix}.xuly@danvan.demo")
            );
            var org = await app.WithDbAsync(db =>
                db.Assignments.Where(a => a.AccountId == handler.Id).Select(a => a.OrganizationId).SingleAsync()
            );
            var queue = petitions
                .Where(p => p.AssignedOrganizationId == org && PetitionLifecycle.IsRunning(p.Status))
                .ToList();
            Assert.True(
                queue.Count >= 5 && queue.Any(p => p.IsOverdueOn(today)),
                $"{prefix}.xuly: {queue.Count} in the queue"
            );
            foreach (var role in new[] { "canbo", "xuly", "lanhdao" })
            {
                var links = await app.WithDbAsync(db =>
                    db.Notifications.Where(n =>
                            n.ReadAt == null
                            && db.Users.Any(u => u.Id == n.AccountId && u.Email == $"{prefix}.{role}@danvan.demo")
                        )
                        .Select(n => n.Link)
                        .ToListAsync()
                );
                Assert.NotEmpty(links);
                Assert.All(links, link =>
                    Assert.True(
                        petitions.Any(p => link == $"/petitions/{p.Id}")
                            || dialogues.Any(d => link == $"/dialogues/{d.Id}"),
                        link
                    )
                );
            }
        }

        var tienDu = await app.WithDbAsync(db =>
            db.Units.SingleAsync(u => u.Code == BacNinhDemo.CommuneCode && u.ValidTo == null)
        );
        var xuly = await app.WithDbAsync(db => db.Users.SingleAsync(a => a.Email == "tiendu.xuly@danvan.demo"));
        using var client = await app.SignInAsync(
            new TestAccount(xuly.Id, xuly.Email!, BacNinhDemo.Password, null, Role.AgencyHandler, tienDu)
        );
        var (_, mine) = await client.GetPageAsync("/petitions?mine=true");
        Assert.NotEmpty(mine.QuerySelectorAll("main table tbody tr"));
        Assert.NotEmpty(mine.QuerySelectorAll("main table tbody .status--overdue"));
    }

    [GeneratedRegex(@"\b(09[0-9]{2} [0-9]{3} [0-9]{3}|[0-9]{12})\b")]
    private static partial Regex PhoneOrId();

    [Fact]
    public async Task Create_admin_makes_a_system_administrator_with_a_generated_password_who_must_set_up_a_second_factor()
    {
        var output = new StringWriter();
        Assert.Equal(
            0,
            await OperatorCommands.RunAsync(
                app.Services,
                "create-admin",
                ["--email", "ops@test.danvan", "--name", "Vận hành"],
                output
            )
        );
        var password = PasswordLine().Match(output.ToString()).Groups[1].Value;
        Assert.True(password.Length >= 20, output.ToString());
        using var client = app.NewPageClient();
        var login = await client.SubmitFormAsync(
            "/account/login",
            "login",
            new() { ["Input.Email"] = "ops@test.danvan", ["Input.Password"] = password }
        );
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        // The generated password is an initial one: the administrator chooses their own first, then the second factor.
        Assert.Equal("/account/password?required=true", (await client.GetAsync("/units")).Headers.Location?.ToString());
        await client.ChangePasswordAsync(password, "Mật khẩu riêng của người vận hành");
        Assert.Equal(
            "/account/two-factor?required=true",
            (await client.GetAsync("/units")).Headers.Location?.ToString()
        );

        output = new StringWriter();
        Assert.Equal(
            0,
            await OperatorCommands.RunAsync(app.Services, "create-admin", ["--email", "ops@test.danvan"], output)
        );
        Assert.DoesNotMatch(PasswordLine(), output.ToString());
        Assert.Equal(
            1,
            await app.WithDbAsync(db =>
                db.Assignments.CountAsync(a =>
                    a.Role == Role.SystemAdministrator
                    && db.Users.Any(u => u.Id == a.AccountId && u.Email == "ops@test.danvan")
                )
            )
        );

        Assert.Equal(1, await OperatorCommands.RunAsync(app.Services, "create-admin", [], new StringWriter()));
        output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "migrate", [], output));
        Assert.Contains("up to date", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executable_refuses_demo_data_in_production_and_runs_operator_commands()
    {
        await using var database = await TestDatabase.CreateAsync();
        var provider = TestDatabase.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var (refused, refusedOutput) = await RunAsync(["--demo"], "Production", provider, database.ConnectionString);
        Assert.Equal(1, refused);
        Assert.Contains("--demo is refused", refusedOutput, StringComparison.Ordinal);

        // The production executable holds no demonstration data: it points at DanVan.Demo, in any environment.
        foreach (var args in new[] { ["--demo"], new[] { "seed-demo" } })
        {
            var (noDemo, noDemoOutput) = await RunAsync(args, "Development", provider, database.ConnectionString);
            Assert.Equal(1, noDemo);
            Assert.Contains("dotnet run --project src/DanVan.Demo", noDemoOutput, StringComparison.Ordinal);
        }

        var (migrated, migrateOutput) = await RunAsync(["migrate"], "Production", provider, database.ConnectionString);
        Assert.True(migrated == 0, migrateOutput);

        var file = Path.Combine(Path.GetTempPath(), $"units-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(
            file,
            "code,name,kind,parent_code\nZ1,Tỉnh Z,province,\nZ1001,Xã Z,xã,Z1\nZ1002,Xã Hỏng,làng,Z1\n"
        );
        var (failed, failedOutput) = await RunAsync(
            ["import-units", file],
            "Production",
            provider,
            database.ConnectionString
        );
        Assert.Equal(1, failed);
        Assert.Contains("row 4, column kind", failedOutput, StringComparison.Ordinal);
        File.Delete(file);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string[] args,
        string environment,
        string provider,
        string connectionString
    )
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["Database__Provider"] = provider,
                ["ConnectionStrings__Default"] = connectionString,
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DanVan.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"Password \(shown once\): (\S+)")]
    private static partial Regex PasswordLine();
}
