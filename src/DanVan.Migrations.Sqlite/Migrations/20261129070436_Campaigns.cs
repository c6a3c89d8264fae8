using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Campaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CampaignId",
                table: "CaseDocuments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CampaignFigureRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FigureId = table.Column<long>(type: "INTEGER", nullable: false),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OldValue = table.Column<long>(type: "INTEGER", nullable: true),
                    NewValue = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignFigureRevisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportingLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Campaigns_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Campaigns_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CampaignSeries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Delta = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignSeries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CampaignTotals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProvinceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true),
                    Actual = table.Column<long>(type: "INTEGER", nullable: false),
                    ExplicitTarget = table.Column<long>(type: "INTEGER", nullable: true),
                    ChildTarget = table.Column<long>(type: "INTEGER", nullable: false),
                    Target = table.Column<long>(type: "INTEGER", nullable: false),
                    FigureCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignTotals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CampaignIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Measure = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomMeasure = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Aggregation = table.Column<int>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    Decimals = table.Column<int>(type: "INTEGER", nullable: false),
                    AllowNegative = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignIndicators_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignModels",
                columns: table => new
                {
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignModels", x => new { x.CampaignId, x.ModelId });
                    table.ForeignKey(
                        name: "FK_CampaignModels_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignModels_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CampaignParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignParticipants_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignParticipants_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CampaignPeriodLocks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LockedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignPeriodLocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignPeriodLocks_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignFigures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignFigures_CampaignIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "CampaignIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignFigures_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CampaignTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignTargets_CampaignIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "CampaignIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignTargets_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDocuments_CampaignId",
                table: "CaseDocuments",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigureRevisions_CampaignId_UnitId_Period",
                table: "CampaignFigureRevisions",
                columns: new[] { "CampaignId", "UnitId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigureRevisions_FigureId_At",
                table: "CampaignFigureRevisions",
                columns: new[] { "FigureId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_CampaignId_Period",
                table: "CampaignFigures",
                columns: new[] { "CampaignId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_CommuneId_CampaignId_Period",
                table: "CampaignFigures",
                columns: new[] { "CommuneId", "CampaignId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_IndicatorId_UnitId_Period",
                table: "CampaignFigures",
                columns: new[] { "IndicatorId", "UnitId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_UnitId",
                table: "CampaignFigures",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignIndicators_CampaignId_SortOrder",
                table: "CampaignIndicators",
                columns: new[] { "CampaignId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignModels_ModelId",
                table: "CampaignModels",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignParticipants_CampaignId_UnitId",
                table: "CampaignParticipants",
                columns: new[] { "CampaignId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignParticipants_CommuneId_CampaignId",
                table: "CampaignParticipants",
                columns: new[] { "CommuneId", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignParticipants_UnitId",
                table: "CampaignParticipants",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignParticipants_VillageId_CampaignId",
                table: "CampaignParticipants",
                columns: new[] { "VillageId", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignPeriodLocks_CampaignId_Frequency_Period",
                table: "CampaignPeriodLocks",
                columns: new[] { "CampaignId", "Frequency", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_CommuneId_StartsOn",
                table: "Campaigns",
                columns: new[] { "CommuneId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_OrganizationId",
                table: "Campaigns",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_ProvinceId_StartsOn",
                table: "Campaigns",
                columns: new[] { "ProvinceId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_UnitId",
                table: "Campaigns",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSeries_CampaignId",
                table: "CampaignSeries",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSeries_IndicatorId_UnitId_Period",
                table: "CampaignSeries",
                columns: new[] { "IndicatorId", "UnitId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_CampaignId",
                table: "CampaignTargets",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_IndicatorId_UnitId",
                table: "CampaignTargets",
                columns: new[] { "IndicatorId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_UnitId",
                table: "CampaignTargets",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTotals_CampaignId_UnitId",
                table: "CampaignTotals",
                columns: new[] { "CampaignId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTotals_IndicatorId_ParentUnitId",
                table: "CampaignTotals",
                columns: new[] { "IndicatorId", "ParentUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTotals_IndicatorId_UnitId",
                table: "CampaignTotals",
                columns: new[] { "IndicatorId", "UnitId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseDocuments_Campaigns_CampaignId",
                table: "CaseDocuments",
                column: "CampaignId",
                principalTable: "Campaigns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseDocuments_Campaigns_CampaignId",
                table: "CaseDocuments");

            migrationBuilder.DropTable(
                name: "CampaignFigureRevisions");

            migrationBuilder.DropTable(
                name: "CampaignFigures");

            migrationBuilder.DropTable(
                name: "CampaignModels");

            migrationBuilder.DropTable(
                name: "CampaignParticipants");

            migrationBuilder.DropTable(
                name: "CampaignPeriodLocks");

            migrationBuilder.DropTable(
                name: "CampaignSeries");

            migrationBuilder.DropTable(
                name: "CampaignTargets");

            migrationBuilder.DropTable(
                name: "CampaignTotals");

            migrationBuilder.DropTable(
                name: "CampaignIndicators");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropIndex(
                name: "IX_CaseDocuments_CampaignId",
                table: "CaseDocuments");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "CaseDocuments");
        }
    }
}
