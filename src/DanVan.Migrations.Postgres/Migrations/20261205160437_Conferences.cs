using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Conferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConferenceId",
                table: "CaseDocuments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ThematicConferences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Agenda = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Conclusions = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThematicConferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThematicConferences_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConferenceCommitments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConferenceId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    ModelId = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ReplicationId = table.Column<int>(type: "integer", nullable: true),
                    FulfilledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConferenceCommitments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConferenceCommitments_ModelReplications_ReplicationId",
                        column: x => x.ReplicationId,
                        principalTable: "ModelReplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConferenceCommitments_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConferenceCommitments_ThematicConferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "ThematicConferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConferenceCommitments_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConferenceModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConferenceId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    ModelId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConferenceModels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConferenceModels_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConferenceModels_ThematicConferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "ThematicConferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConferenceUnits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConferenceId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConferenceUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConferenceUnits_ThematicConferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "ThematicConferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConferenceUnits_Units_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDocuments_ConferenceId",
                table: "CaseDocuments",
                column: "ConferenceId");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceCommitments_CommuneId_DueOn",
                table: "ConferenceCommitments",
                columns: new[] { "CommuneId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceCommitments_ConferenceId",
                table: "ConferenceCommitments",
                column: "ConferenceId");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceCommitments_ModelId",
                table: "ConferenceCommitments",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceCommitments_ReplicationId",
                table: "ConferenceCommitments",
                column: "ReplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceCommitments_UnitId",
                table: "ConferenceCommitments",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceModels_ConferenceId_ModelId",
                table: "ConferenceModels",
                columns: new[] { "ConferenceId", "ModelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceModels_ModelId",
                table: "ConferenceModels",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceUnits_ConferenceId_ParticipantId",
                table: "ConferenceUnits",
                columns: new[] { "ConferenceId", "ParticipantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceUnits_ParticipantId",
                table: "ConferenceUnits",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_ThematicConferences_ProvinceId_HeldOn",
                table: "ThematicConferences",
                columns: new[] { "ProvinceId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ThematicConferences_UnitId_HeldOn",
                table: "ThematicConferences",
                columns: new[] { "UnitId", "HeldOn" });

            migrationBuilder.AddForeignKey(
                name: "FK_CaseDocuments_ThematicConferences_ConferenceId",
                table: "CaseDocuments",
                column: "ConferenceId",
                principalTable: "ThematicConferences",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseDocuments_ThematicConferences_ConferenceId",
                table: "CaseDocuments");

            migrationBuilder.DropTable(
                name: "ConferenceCommitments");

            migrationBuilder.DropTable(
                name: "ConferenceModels");

            migrationBuilder.DropTable(
                name: "ConferenceUnits");

            migrationBuilder.DropTable(
                name: "ThematicConferences");

            migrationBuilder.DropIndex(
                name: "IX_CaseDocuments_ConferenceId",
                table: "CaseDocuments");

            migrationBuilder.DropColumn(
                name: "ConferenceId",
                table: "CaseDocuments");
        }
    }
}
