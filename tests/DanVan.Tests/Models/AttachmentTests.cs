using System.IO.Compression;
using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Models;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Models.ModelData;

namespace DanVan.Tests.Models;

/// <summary>Photos, PDFs and Word files of a model: checked by content, scoped, public only as library
/// photos.</summary>
public sealed class AttachmentTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    public static readonly byte[] Png =
    [
        0x89,
        0x50,
        0x4E,
        0x47,
        0x0D,
        0x0A,
        0x1A,
        0x0A,
        0,
        0,
        0,
        13,
        0x49,
        0x48,
        0x44,
        0x52,
    ];
    public static readonly byte[] Pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray();

    private static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "word/document.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }

        return buffer.ToArray();
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name, string? caption = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        if (caption is not null)
        {
            form.Add(new StringContent(caption), "caption");
        }

        return form;
    }

    [Fact]
    public async Task Files_are_taken_only_when_their_content_is_what_their_extension_says()
    {
        var api = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var model = await RegisterAsync(app, api, app.Tree.C1, "Mô hình có tệp đính kèm");
        var id = model.GetProperty("id").GetInt32();
        foreach (
            var (bytes, name) in new[]
            {
                (Png, "anh.png"),
                (Pdf, "bien-ban.PDF"),
                (Docx(), "bao-cao.docx"),
                ([0xFF, 0xD8, 0xFF, 0xE0, 1, 2], "anh.jpg"),
            }
        )
        {
            var ok = await api.PostAsync($"/api/v1/models/{id}/attachments", Upload(bytes, name, "Ảnh lễ ra mắt"));
            Assert.True(
                ok.StatusCode == HttpStatusCode.Created,
                $"{name}: {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync()}"
            );
        }

        foreach (
            var (bytes, name) in new[]
            {
                (Pdf, "anh.png"),
                (Png, "tai-lieu.pdf"),
                ("PK\u0003\u0004 not a zip"u8.ToArray(), "gia.docx"),
                ("MZ\u0090"u8.ToArray(), "chay.exe"),
                (Png, "khong-duoi"),
                (Array.Empty<byte>(), "rong.png"),
            }
        )
        {
            var refused = await api.PostAsync($"/api/v1/models/{id}/attachments", Upload(bytes, name));
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)refused.StatusCode}");
            Assert.True((await ApiJson.ReadAsync(refused)).GetProperty("errors").TryGetProperty("file", out _), name);
        }

        Assert.Equal(4, await app.WithDbAsync(db => db.CaseDocuments.CountAsync(a => a.ModelId == id)));
        var types = await app.WithDbAsync(db =>
            db.CaseDocuments.Where(a => a.ModelId == id).OrderBy(a => a.Id).Select(a => a.Type).ToListAsync()
        );
        Assert.Equal([AttachmentType.Photo, AttachmentType.Pdf, AttachmentType.Word, AttachmentType.Photo], types);
    }

    [Fact]
    public async Task A_photo_uploaded_on_the_page_is_seen_in_scope_and_in_the_library_once_the_model_is_public_and_recognized()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var api = await app.ApiClientAsync(officer);
        var model = await RegisterAsync(app, api, app.Tree.C1, "Mô hình có ảnh");
        var id = model.GetProperty("id").GetInt32();
        using var pages = await app.SignInAsync(officer);
        var uploaded = await pages.SubmitFormAsync(
            $"/models/{id}",
            "model-attach",
            new() { ["caption"] = "Ảnh đường hoa" },
            ("file", "duong-hoa.png", Png)
        );
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var refused = await pages.SubmitFormAsync($"/models/{id}", "model-attach", [], ("file", "gia-anh.png", Pdf));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(
            "không khớp với phần mở rộng",
            PageClient.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("#file-error")!.TextContent,
            StringComparison.Ordinal
        );

        var attachment = await app.WithDbAsync(db => db.CaseDocuments.SingleAsync(a => a.ModelId == id));
        Assert.Equal(("duong-hoa.png", "Ảnh đường hoa"), (attachment.FileName, attachment.Caption));
        var download = await pages.GetAsync($"/models/{id}/attachments/{attachment.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());

        var sibling = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C2));
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await sibling.GetAsync($"/api/v1/models/{id}/attachments/{attachment.Id}")).StatusCode
        );
        using var anonymous = app.NewPageClient();
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await anonymous.GetAsync($"/library/{id}/photos/{attachment.Id}")).StatusCode
        );
        await app.WithDbAsync(db =>
            db.Models.Where(m => m.Id == id)
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(m => m.Status, ModelStatus.Recognized).SetProperty(m => m.IsPublic, true)
                )
        );
        var photo = await anonymous.GetAsync($"/library/{id}/photos/{attachment.Id}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/png", photo.Content.Headers.ContentType!.MediaType);
        var (_, library) = await anonymous.GetPageAsync($"/library/{id}");
        Assert.NotNull(library.QuerySelector($"img[src='/library/{id}/photos/{attachment.Id}'][alt='Ảnh đường hoa']"));
    }
}
