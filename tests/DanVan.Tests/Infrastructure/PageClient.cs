using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace DanVan.Tests.Infrastructure;

/// <summary>
/// A browser without a browser: fetches pages, finds a Blazor form by its form name, fills it like a person
/// would (keeping the hidden antiforgery token and handler) and posts it. Cookies carry the session.
/// </summary>
public sealed class PageClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, Parser.ParseDocument(html));
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Opens <paramref name="url"/>, fills the form named <paramref name="formName"/> and submits
    /// it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(
        string url,
        string formName,
        Dictionary<string, string> values,
        (string Field, string FileName, byte[] Content)? file = null
    )
    {
        var (response, document) = await GetPageAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await SubmitAsync(document, url, formName, values, file);
    }

    /// <summary>Changes the signed-in person's password through the profile's form, as they would.</summary>
    public Task<HttpResponseMessage> ChangePasswordAsync(string current, string chosen) =>
        SubmitFormAsync(
            "/account/password",
            "change-password",
            new() { ["Input.Current"] = current, ["Input.New"] = chosen }
        );

    public async Task<HttpResponseMessage> SubmitAsync(
        IHtmlDocument document,
        string url,
        string formName,
        Dictionary<string, string> values,
        (string Field, string FileName, byte[] Content)? file = null
    )
    {
        var form = document
            .QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == formName)
            ?? throw new InvalidOperationException(
                $"No form '{formName}' on {url}. Forms: "
                    + string.Join(
                        ", ",
                        document.QuerySelectorAll("input[name=_handler]").Select(e => e.GetAttribute("value"))
                    )
            );
        var fields = FieldsOf(form);
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        HttpContent content;
        if (file is { } upload)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            multipart.Add(new ByteArrayContent(upload.Content), upload.Field, upload.FileName);
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }

        return await Http.PostAsync(action, content);
    }

    /// <summary>The fields a browser would send for a form, with their current values.</summary>
    public static Dictionary<string, string> FieldsOf(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        fields[name] = box.Value;
                    }

                    break;
                case IHtmlInputElement { Type: "file" or "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    fields[name] = input.Value;
                    break;
                case IHtmlSelectElement select:
                    fields[name] = select.SelectedOptions.FirstOrDefault()?.Value
                        ?? select.Options.FirstOrDefault()?.Value
                        ?? "";
                    break;
                case IHtmlTextAreaElement area:
                    fields[name] = area.Value;
                    break;
            }
        }

        return fields;
    }

    /// <summary>Follows a redirect answer and returns the page it leads to.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> FollowAsync(HttpResponseMessage response)
    {
        Assert.True(
            response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
        );
        return await GetPageAsync(response.Headers.Location!.ToString());
    }

    /// <summary>The error messages a page shows (summary and fields).</summary>
    public static IReadOnlyList<string> ErrorsOf(IHtmlDocument document) =>
        [
            .. document
                .QuerySelectorAll(".error-summary li, .error-summary p, .field__error")
                .Select(e => e.TextContent.Trim()),
        ];

    public void Dispose() => Http.Dispose();
}
