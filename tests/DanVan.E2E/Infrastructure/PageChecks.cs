using System.Text.Json;
using Microsoft.Playwright;

namespace DanVan.E2E.Infrastructure;

/// <summary>The checks a tour runs on each page: axe-core (U1) and the phone-width rules (U3).</summary>
public static class PageChecks
{
    private static readonly Lazy<string> axeSource = new(() => File.ReadAllText(RepoPaths.AxeScript));

    /// <summary>
    /// QUALITY.md U2: the Nu Html Checker on saved pages, one Java start for all of them. Blazor's CSS-isolation
    /// scope attributes (b-xxxxxxxxxx) are the one accepted exception; DanVan uses none today.
    /// </summary>
    public static async Task<IReadOnlyList<string>> HtmlErrorsAsync(IReadOnlyList<string> files)
    {
        var start = new System.Diagnostics.ProcessStartInfo("java")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (
            var argument in new[] { "-jar", RepoPaths.NuHtmlChecker, "--errors-only", "--format", "gnu" }.Concat(files)
        )
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)
            ?? throw new InvalidOperationException("java could not be started (scripts/test.sh installs a JRE).");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return
        [
            .. ((await output) + (await errors))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => !System.Text.RegularExpressions.Regex.IsMatch(line, "\\bb-[a-z0-9]{10}\\b"))
                .Select(line =>
                    line.Replace(
                        Path.GetDirectoryName(files.FirstOrDefault() ?? "") + "/",
                        "",
                        StringComparison.Ordinal
                    )
                ),
        ];
    }

    /// <summary>The axe-core violations of impact serious or critical, one line each with the offending
    /// elements.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        // Never skip: without the checker the bar is not measured, and that must show as a failure.
        Assert.True(
            File.Exists(RepoPaths.AxeScript),
            $"axe-core is missing ({RepoPaths.AxeScript}). Run `npm ci` in {RepoPaths.Root} (scripts/test.sh does) and run the tests again."
        );
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            // Not AddScriptTagAsync: that inserts an inline <script>, which the app's CSP (rightly) blocks.
            // Evaluating through the DevTools protocol is not subject to the page's policy.
            await page.EvaluateAsync(axeSource.Value);
        }

        var json = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
                const result = await axe.run(document, { resultTypes: ['violations'] });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                 targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ⇒ ' + (n.failureSummary || '').replace(/\s+/g, ' ')) }));
            }
            """
        );
        return
        [
            .. json.EnumerateArray()
                .Select(v =>
                    $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}): "
                    + string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))
                ),
        ];
    }

    /// <summary>
    /// At phone width: the page must not scroll sideways (a wide table may scroll inside its own .table-wrap),
    /// and every visible target is at least 24 × 24 CSS px, with the two exceptions of WCAG 2.2 SC 2.5.8:
    /// a link inside a sentence, and a smaller target whose 24 px circle touches no other target.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PhoneProblemsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            """
            () => {
                const problems = [];
                const width = window.innerWidth;
                const scrollWidth = document.documentElement.scrollWidth;
                if (scrollWidth > width) {
                    const wide = [...document.querySelectorAll('body *')]
                        .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > width + 0.5)
                        .slice(0, 5).map(describe);
                    problems.push(`scrolls sideways: scrollWidth ${scrollWidth} > ${width}; too wide: ${wide.join(', ')}`);
                }

                const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
                const targets = [...document.querySelectorAll(selector)].filter(visible);
                const rects = targets.map(t => t.getBoundingClientRect());
                const small = targets.map((t, i) => rects[i].width < 24 || rects[i].height < 24);
                targets.forEach((t, i) => {
                    if (!small[i] || inSentence(t)) return;
                    const r = rects[i];
                    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
                    const clash = targets.some((o, j) => {
                        if (j === i || o.contains(t) || t.contains(o)) return false;
                        const q = rects[j];
                        if (small[j]) {
                            const ox = q.left + q.width / 2, oy = q.top + q.height / 2;
                            return Math.hypot(cx - ox, cy - oy) < 24;
                        }
                        const dx = Math.max(q.left - cx, 0, cx - q.right), dy = Math.max(q.top - cy, 0, cy - q.bottom);
                        return Math.hypot(dx, dy) < 12;
                    });
                    if (clash) problems.push(`target ${Math.round(r.width)}×${Math.round(r.height)} px too small and too close to another: ${describe(t)}`);
                });
                return problems;

                function visible(e) {
                    // The links in a closed <details> menu keep their boxes in Chromium: checkVisibility knows better.
                    if (!e.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true, opacityProperty: true })) return false;
                    const r = e.getBoundingClientRect();
                    // 1 px boxes are the visually-hidden pattern; the skip link waits off-screen until focused.
                    return r.width > 1 && r.height > 1 && r.right > 0 && r.left >= -1;
                }
                function inSentence(e) {
                    if (getComputedStyle(e).display !== 'inline') return false;
                    const block = e.parentElement.closest('p, li, dd, td, th, div, span');
                    if (!block) return false;
                    const own = (e.textContent || '').trim();
                    const all = (block.textContent || '').replace(/\s+/g, ' ').trim();
                    return all.length > own.length + 1;
                }
                function describe(e) {
                    const text = (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
                    return `<${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''}> “${text}”`;
                }
            }
            """
        );
        return [.. json.EnumerateArray().Select(p => p.GetString() ?? "")];
    }
}
