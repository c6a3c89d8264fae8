using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>
/// The server's record of sessions (ASVS V7.4.1, V7.5.2): signing out ends the session on the server, so a copy of the
/// cookie opens nothing; the profile lists the account's sessions and ends any other one.
/// </summary>
public sealed class SessionRegistryTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private const string Phone =
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36";

    private const string Desk = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private static async Task<HttpResponseMessage> PostFormAsync(
        PageClient client,
        string page,
        string action,
        Dictionary<string, string>? fields = null,
        string? formSelector = null
    )
    {
        var (_, document) = await client.GetPageAsync(page);
        var form = document.QuerySelector(formSelector ?? $"form[action='{action}']")!;
        var values = new Dictionary<string, string>(fields ?? [])
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!
                .GetAttribute("value")!,
        };
        return await client.Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_opens_nothing()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var jar = new CookieContainer();
        using var client = await app.SignInAsync(officer, app.NewPageClient(jar));
        var session = jar.GetAllCookies().Single(c => c.Name.EndsWith(".auth", StringComparison.Ordinal));
        var copy = $"{session.Name}={session.Value}";
        Assert.Equal(HttpStatusCode.OK, await app.StatusWithCookieAsync(copy));

        var signedOut = await PostFormAsync(client, "/units", "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        // The browser dropped its cookie; the copy, still within its idle time, is refused all the same.
        var replayed = await app.StatusWithCookieAsync(copy);
        Assert.Equal(HttpStatusCode.Redirect, replayed);
        Assert.Equal(
            0,
            await app.WithDbAsync(db =>
                db.UserTokens.CountAsync(t => t.UserId == officer.Id && t.LoginProvider == "[DanVanSession]")
            )
        );
    }

    [Fact]
    public async Task The_profile_lists_the_sessions_and_ends_another_one()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var phone = app.NewPageClient();
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd(Phone);
        using var onPhone = await app.SignInAsync(officer, phone);
        var desk = app.NewPageClient();
        desk.Http.DefaultRequestHeaders.UserAgent.ParseAdd(Desk);
        using var onDesk = await app.SignInAsync(officer, desk);

        var (_, profile) = await onDesk.GetPageAsync("/account");
        var cards = profile.QuerySelectorAll("[data-testid=sessions] .card").ToList();
        Assert.Equal(2, cards.Count);
        Assert.Contains("Firefox · Windows · thiết bị này", cards[0].TextContent, StringComparison.Ordinal);
        Assert.Null(cards[0].QuerySelector("form"));
        Assert.Contains("Chrome · Android", cards[1].TextContent, StringComparison.Ordinal);
        var handle = cards[1].QuerySelector("input[name=session]")!.GetAttribute("value")!;

        // Another account cannot end it with the handle.
        var stranger = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var strangerPages = await app.SignInAsync(stranger);
        var (_, strangerProfile) = await strangerPages.GetPageAsync("/account");
        await strangerPages.Http.PostAsync(
            "/account/sessions/end",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = strangerProfile
                        .QuerySelector(
                            "form[action='/account/logout-everywhere'] input[name=__RequestVerificationToken]"
                        )!
                        .GetAttribute("value")!,
                    ["session"] = handle,
                }
            )
        );
        Assert.Equal(HttpStatusCode.OK, (await onPhone.GetAsync("/units")).StatusCode);

        var ended = await PostFormAsync(
            onDesk,
            "/account",
            "/account/sessions/end",
            new() { ["session"] = handle },
            "[data-testid=sessions] form"
        );
        Assert.Equal("/account?done=session-ended", ended.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await onPhone.GetAsync("/units")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onDesk.GetAsync("/units")).StatusCode);
        var (_, after) = await onDesk.GetPageAsync("/account?done=session-ended");
        Assert.Single(after.QuerySelectorAll("[data-testid=sessions] .card"));
        Assert.Contains(
            "Phiên đăng nhập trên thiết bị kia đã kết thúc",
            after.Body!.TextContent,
            StringComparison.Ordinal
        );
        Assert.True(
            await app.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.Action == AuditAction.SignOut && a.AccountId == officer.Id && a.Details == "another session"
                )
            )
        );
    }

    [Fact]
    public async Task A_password_change_leaves_only_this_session_in_the_list()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var other = await app.SignInAsync(officer);
        using var client = await app.SignInAsync(officer);
        var changed = await client.ChangePasswordAsync(officer.Password, "Một mật khẩu mới của riêng tôi");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/units")).StatusCode);
        var (_, profile) = await client.GetPageAsync("/account");
        var card = Assert.Single(profile.QuerySelectorAll("[data-testid=sessions] .card"));
        Assert.Contains("thiết bị này", card.TextContent, StringComparison.Ordinal);
    }
}
