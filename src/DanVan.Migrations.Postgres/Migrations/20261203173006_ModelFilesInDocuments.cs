using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ModelFilesInDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ModelId",
                table: "CaseDocuments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseDocuments_ModelId",
                table: "CaseDocuments",
                column: "ModelId");

            migrationBuilder.AddForeignKey(
                name: "FK_CaseDocuments_Models_ModelId",
                table: "CaseDocuments",
                column: "ModelId",
                principalTable: "Models",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            // Each model file moves into the one document store, its bytes with it: a file keeps its number plus the
            // store's highest (so numbers stay unique), who filed it is not known for files from before the merge.
            migrationBuilder.Sql("""
                INSERT INTO "CaseDocuments" ("Id", "ModelId", "UnitId", "ProvinceId", "CommuneId", "VillageId", "FileName", "ContentType", "Type", "Size", "Caption", "CreatedAt", "ActorName")
                SELECT a."Id" + (SELECT COALESCE(MAX(d."Id"), 0) FROM "CaseDocuments" d), a."ModelId", a."UnitId", a."ProvinceId", a."CommuneId", a."VillageId", a."FileName", a."ContentType", a."Type", a."Size", a."Caption", a."CreatedAt", ''
                FROM "ModelAttachments" a;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CaseDocumentContents" ("DocumentId", "Bytes")
                SELECT c."AttachmentId" + (SELECT MAX(d."Id") FROM "CaseDocuments" d) - (SELECT MAX(a."Id") FROM "ModelAttachments" a), c."Bytes"
                FROM "ModelAttachmentContents" c;
                """);
            migrationBuilder.Sql("""
                SELECT setval(pg_get_serial_sequence('"CaseDocuments"', 'Id'), COALESCE((SELECT MAX("Id") FROM "CaseDocuments"), 0) + 1, false);
                """);

            migrationBuilder.DropTable(
                name: "ModelAttachmentContents");

            migrationBuilder.DropTable(
                name: "ModelAttachments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Caption = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ModelId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    VillageId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelAttachments_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModelAttachmentContents",
                columns: table => new
                {
                    AttachmentId = table.Column<int>(type: "integer", nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelAttachmentContents", x => x.AttachmentId);
                    table.ForeignKey(
                        name: "FK_ModelAttachmentContents_ModelAttachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "ModelAttachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelAttachments_CommuneId",
                table: "ModelAttachments",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelAttachments_ModelId",
                table: "ModelAttachments",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelAttachments_ProvinceId",
                table: "ModelAttachments",
                column: "ProvinceId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelAttachments_VillageId",
                table: "ModelAttachments",
                column: "VillageId");

            // The model files go back to their own tables, under their document numbers.
            migrationBuilder.Sql("""
                INSERT INTO "ModelAttachments" ("Id", "ModelId", "UnitId", "ProvinceId", "CommuneId", "VillageId", "FileName", "ContentType", "Type", "Size", "Caption", "CreatedAt")
                SELECT d."Id", d."ModelId", d."UnitId", d."ProvinceId", d."CommuneId", d."VillageId", d."FileName", d."ContentType", d."Type", d."Size", d."Caption", d."CreatedAt"
                FROM "CaseDocuments" d WHERE d."ModelId" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ModelAttachmentContents" ("AttachmentId", "Bytes")
                SELECT c."DocumentId", c."Bytes" FROM "CaseDocumentContents" c
                WHERE c."DocumentId" IN (SELECT d."Id" FROM "CaseDocuments" d WHERE d."ModelId" IS NOT NULL);
                """);
            migrationBuilder.Sql("""
                DELETE FROM "CaseDocumentContents" WHERE "DocumentId" IN (SELECT d."Id" FROM "CaseDocuments" d WHERE d."ModelId" IS NOT NULL);
                DELETE FROM "CaseDocuments" WHERE "ModelId" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                SELECT setval(pg_get_serial_sequence('"ModelAttachments"', 'Id'), COALESCE((SELECT MAX("Id") FROM "ModelAttachments"), 0) + 1, false);
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_CaseDocuments_Models_ModelId",
                table: "CaseDocuments");

            migrationBuilder.DropIndex(
                name: "IX_CaseDocuments_ModelId",
                table: "CaseDocuments");

            migrationBuilder.DropColumn(
                name: "ModelId",
                table: "CaseDocuments");
        }
    }
}
