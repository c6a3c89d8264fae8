using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E.Infrastructure;

/// <summary>
/// One person at one browser: a fresh context and page that records what a user would notice going wrong
/// (dialogs, script errors, CSP violations, failed requests) and leaves a screenshot of every page it shows.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> dialogs = [];
    private readonly List<string> consoleErrors = [];
    private readonly List<string> failedRequests = [];
    private readonly DemoSite site;
    private readonly int serverErrorsBefore;
    private int shots;

    private BrowserSession(DemoSite site, IBrowserContext context, IPage page, string name, int width)
    {
        this.site = site;
        Context = context;
        Page = page;
        Name = name;
        Width = width;
        serverErrorsBefore = site.Log.Errors.Count;

        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add($"{dialog.Type} “{dialog.Message}” on {page.Url}");
            }

            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            // A failed resource shows up in the response listener with its URL; everything else is a real error,
            // CSP violations ("Refused to …") included.
            if (
                message.Type == "error"
                && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
            )
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (consoleErrors)
            {
                consoleErrors.Add($"{page.Url}: uncaught {error}");
            }
        };
        page.Response += (_, response) =>
        {
            // A 404 page is a legitimate answer for a document; a missing stylesheet or script never is.
            var document = response.Request.ResourceType == "document";
            if (response.Status >= 500 || (response.Status >= 400 && !document))
            {
                lock (failedRequests)
                {
                    failedRequests.Add($"{response.Status} {response.Request.Method} {response.Url}");
                }
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Name { get; }

    public int Width { get; }

    /// <summary>The path of the page shown, e.g. "/units/12".</summary>
    public string Path => new Uri(Page.Url).AbsolutePath;

    public IReadOnlyList<string> Dialogs
    {
        get
        {
            lock (dialogs)
            {
                return [.. dialogs];
            }
        }
    }

    public static async Task<BrowserSession> OpenAsync(
        DemoSite site,
        string name,
        int width,
        int height,
        bool bypassContentSecurityPolicy,
        bool serviceWorkers = true
    )
    {
        var context = await site.Browser.NewContextAsync(
            new()
            {
                BaseURL = site.BaseUrl.ToString(),
                ViewportSize = new() { Width = width, Height = height },
                // The browser asks for English: the app must still answer in Vietnamese until the person chooses.
                Locale = "en-US",
                TimezoneId = "Asia/Ho_Chi_Minh",
                BypassCSP = bypassContentSecurityPolicy,
                ServiceWorkers = serviceWorkers ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block,
            }
        );
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(site, context, page, name, width);
    }

    /// <summary>Opens a page of the app and checks the HTTP status of the document.</summary>
    public async Task<IResponse> GotoAsync(string path, int expectedStatus = 200)
    {
        IResponse response;
        try
        {
            response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");
        }
        catch (PlaywrightException e)
            when (e.Message.Contains("ERR_HTTP_RESPONSE_CODE_FAILURE", StringComparison.Ordinal))
        {
            // Chromium says this when an error status comes with an empty body: the person sees the browser's
            // own error page, not DanVan's.
            throw new Xunit.Sdk.XunitException(
                $"GET {path} answered an error status with an EMPTY body; the browser shows its own error page instead of DanVan's page."
            );
        }

        Assert.True(
            response.Status == expectedStatus,
            $"GET {path} answered {response.Status} ({response.Url}), expected {expectedStatus}."
        );
        return response;
    }

    /// <summary>Whole pages, or only what the window shows when <c>DANVAN_SCREENSHOTS=viewport</c> (what
    /// scripts/test.sh asks: a whole long page at 360 px costs about a third of a second to capture and encode, a minute
    /// or two over a run).</summary>
    private static readonly bool WholePages = Environment.GetEnvironmentVariable("DANVAN_SCREENSHOTS") != "viewport";

    /// <summary>A PNG in artifacts/screenshots (the whole page unless <see cref="WholePages"/> says otherwise), named
    /// after the session, the step and the width.</summary>
    public async Task<string> ScreenshotAsync(string what)
    {
        var file = System.IO.Path.Combine(RepoPaths.Screenshots, $"{Name}-{++shots:00}-{what}-{Width}.png");
        await Page.ScreenshotAsync(new() { Path = file, FullPage = WholePages });
        return file;
    }

    /// <summary>
    /// Signs in through the real pages. An account whose role needs a second factor sets it up the first time
    /// (its key is kept in <see cref="DemoSite.Authenticators"/>) and enters a code every later time.
    /// </summary>
    public async Task SignInAsync(string email)
    {
        await GotoAsync("/account/login");
        await SubmitSignInAsync(email, DemoSite.Password);
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/account/login");
        if (Path == "/account/two-factor")
        {
            await ScreenshotAsync("two-factor-setup");
            await EnrollAsync(email);
            await ScreenshotAsync("two-factor-recovery-codes");
            await Page.GetByRole(AriaRole.Link, new() { Name = Vi.TwoFactorContinue }).ClickAsync();
            // Blazor's enhanced navigation changes the address before it swaps the page: wait for the swap.
            await Expect(Page.GetByTestId("recovery-codes")).ToHaveCountAsync(0);
        }
        else if (Path == "/account/login/two-factor")
        {
            await ScreenshotAsync("two-factor-code");
            await SubmitCodeAsync(email);
        }

        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account", StringComparison.Ordinal));
        // On a phone the sign-out button sits in the closed menu, hidden but there.
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = Vi.SignOut, IncludeHidden = true }).First)
            .ToBeAttachedAsync();
    }

    public async Task SubmitSignInAsync(string email, string password)
    {
        await Page.GetByLabel(Vi.Email).FillAsync(email);
        await Page.GetByLabel(Vi.Password, new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = Vi.SignInButton }).ClickAsync();
    }

    /// <summary>On the set-up page: reads the shared key, enters the code it gives, waits for the recovery
    /// codes.</summary>
    public async Task EnrollAsync(string email)
    {
        var key = await Page.GetByTestId("shared-key").InnerTextAsync();
        site.Authenticators.Remember(email, key);
        await Page.GetByLabel(Vi.AuthenticatorCode).FillAsync(site.Authenticators.NextCode(email));
        await Page.GetByRole(AriaRole.Button, new() { Name = Vi.Verify }).ClickAsync();
        await Expect(Page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
    }

    /// <summary>On the second-factor sign-in page: enters the current code.</summary>
    public async Task SubmitCodeAsync(string email)
    {
        await Page.GetByLabel(Vi.AuthenticatorCode).FillAsync(site.Authenticators.NextCode(email));
        await Page.GetByRole(AriaRole.Button, new() { Name = Vi.Verify }).ClickAsync();
    }

    /// <summary>Fails when anything went wrong unseen: a dialog, a script or CSP error, a failed request, a server
    /// error.</summary>
    public void AssertNothingWentWrong()
    {
        var problems = new List<string>();
        lock (dialogs)
        {
            problems.AddRange(dialogs.Select(d => "dialog: " + d));
        }

        lock (consoleErrors)
        {
            problems.AddRange(consoleErrors.Select(e => "console: " + e));
        }

        lock (failedRequests)
        {
            problems.AddRange(failedRequests.Select(r => "request: " + r));
        }

        problems.AddRange(site.Log.Errors.Skip(serverErrorsBefore).Select(e => "server: " + e));
        Assert.True(problems.Count == 0, $"{Name}: {problems.Count} problem(s):\n" + string.Join("\n", problems));
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
