using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Tests.Models;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DanVan.Tests.Documents;

/// <summary>
/// The migration that moved the models' files into the one document store carries every file and its bytes both ways,
/// next to documents that were already in the store, on the provider under test.
/// </summary>
public sealed class ModelFilesMigrationTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private const string Migration = "ModelFilesInDocuments";

    private sealed record Stored(int Id, int ModelId, string FileName, string? Caption, byte[] Bytes);

    [Fact]
    public async Task Model_files_move_into_the_document_store_with_their_bytes_and_back()
    {
        var api = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var id = (await ModelData.RegisterAsync(app, api, app.Tree.C1, "Mô hình trước khi gộp kho tệp"))
            .GetProperty("id")
            .GetInt32();
        foreach (var (bytes, name) in new[] { (AttachmentTests.Png, "anh.png"), (AttachmentTests.Pdf, "bien-ban.pdf") })
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(bytes), "file", name },
                { new StringContent("Chú thích " + name), "caption" },
            };
            Assert.Equal(
                HttpStatusCode.Created,
                (await api.PostAsync($"/api/v1/models/{id}/attachments", form)).StatusCode
            );
        }

        var before = await ModelDocumentsAsync(id);
        Assert.Equal(2, before.Count);

        // Back to the schema before the merge: the files are in their own tables again, under their numbers.
        var previous = await app.WithDbAsync(db =>
            Task.FromResult(
                db.Database.GetMigrations().TakeWhile(m => !m.EndsWith(Migration, StringComparison.Ordinal)).Last()
            )
        );
        await app.WithDbAsync(db => db.GetService<IMigrator>().MigrateAsync(previous));
        var restored = await app.WithDbAsync(db =>
            db.Database.SqlQueryRaw<int>(
                    "SELECT \"AttachmentId\" AS \"Value\" FROM \"ModelAttachmentContents\" ORDER BY \"AttachmentId\""
                )
                .ToListAsync()
        );
        Assert.Equal(before.Select(d => d.Id), restored);
        Assert.Equal(
            0,
            await app.WithDbAsync(db =>
                db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"CaseDocuments\"").SingleAsync()
            )
        );

        // A document of another owner is already in the store, with a higher number than any model file.
        await app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"CaseDocuments\" (\"Id\", \"UnitId\", \"FileName\", \"ContentType\", \"Type\", \"Size\", \"ActorName\", \"CreatedAt\") VALUES ({before.Max(d => d.Id) + 5}, {app.Tree.C1.Id}, {"khac.pdf"}, {"application/pdf"}, {2}, {3}, {"system"}, {DateTime.UtcNow})"
            )
        );

        await app.WithDbAsync(db => db.Database.MigrateAsync());
        var after = await ModelDocumentsAsync(id);
        Assert.Equal(
            before.Select(d => (d.FileName, d.Caption, d.Bytes)),
            after.Select(d => (d.FileName, d.Caption, d.Bytes))
        );
        Assert.All(after, d =>
            Assert.True(d.Id > before.Max(b => b.Id) + 5, $"document {d.Id} collides with the store's numbers")
        );

        // Moved files download under their new numbers, and the store keeps numbering after them.
        foreach (var d in after)
        {
            var download = await api.GetAsync($"/api/v1/models/{id}/attachments/{d.Id}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(d.Bytes, await download.Content.ReadAsByteArrayAsync());
        }

        var next = new MultipartFormDataContent { { new ByteArrayContent(AttachmentTests.Png), "file", "sau.png" } };
        var created = await api.PostAsync($"/api/v1/models/{id}/attachments", next);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await ApiJson.ReadAsync(created)).GetProperty("id").GetInt32() > after.Max(d => d.Id));
    }

    private Task<List<Stored>> ModelDocumentsAsync(int modelId) =>
        app.WithDbAsync(db =>
            db.CaseDocuments.Where(d => d.ModelId == modelId)
                .OrderBy(d => d.Id)
                .Select(d => new Stored(
                    d.Id,
                    modelId,
                    d.FileName,
                    d.Caption,
                    db.CaseDocumentContents.Single(c => c.DocumentId == d.Id).Bytes
                ))
                .ToListAsync()
        );
}
