using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WorkPrograms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkPrograms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Purposes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    ParentProgramId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Edition = table.Column<int>(type: "integer", nullable: false),
                    AmendmentReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ApprovingBody = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ApprovedById = table.Column<int>(type: "integer", nullable: true),
                    FirstApprovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CarriedFrom = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkPrograms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkPrograms_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkPrograms_WorkPrograms_ParentProgramId",
                        column: x => x.ParentProgramId,
                        principalTable: "WorkPrograms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgramBases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgramId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Issuer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramBases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgramBases_WorkPrograms_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "WorkPrograms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgramEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgramId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<int>(type: "integer", nullable: false),
                    To = table.Column<int>(type: "integer", nullable: false),
                    Edition = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ById = table.Column<int>(type: "integer", nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgramEvents_WorkPrograms_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "WorkPrograms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgramItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgramId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Task = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    LeadOrganization = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Coordinating = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DueMonth = table.Column<int>(type: "integer", nullable: true),
                    DueQuarter = table.Column<int>(type: "integer", nullable: true),
                    ExpectedOutput = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ParentProgramId = table.Column<int>(type: "integer", nullable: true),
                    ParentItemId = table.Column<int>(type: "integer", nullable: true),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramItems", x => x.Id);
                    table.UniqueConstraint("AK_ProgramItems_ProgramId_Id", x => new { x.ProgramId, x.Id });
                    table.ForeignKey(
                        name: "FK_ProgramItems_ProgramItems_ParentProgramId_ParentItemId",
                        columns: x => new { x.ParentProgramId, x.ParentItemId },
                        principalTable: "ProgramItems",
                        principalColumns: new[] { "ProgramId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgramItems_WorkPrograms_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "WorkPrograms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgramVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgramId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    Edition = table.Column<int>(type: "integer", nullable: false),
                    DecisionNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ApprovingBody = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AmendmentReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Snapshot = table.Column<string>(type: "text", nullable: false),
                    ApprovedById = table.Column<int>(type: "integer", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgramVersions_WorkPrograms_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "WorkPrograms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgramItemProgress",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    ProgramId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ById = table.Column<int>(type: "integer", nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramItemProgress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgramItemProgress_ProgramItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ProgramItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgramBases_ProgramId_Order",
                table: "ProgramBases",
                columns: new[] { "ProgramId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgramEvents_ProgramId",
                table: "ProgramEvents",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgramItemProgress_ItemId_On",
                table: "ProgramItemProgress",
                columns: new[] { "ItemId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgramItems_ParentProgramId_ParentItemId_CommuneId",
                table: "ProgramItems",
                columns: new[] { "ParentProgramId", "ParentItemId", "CommuneId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgramItems_ProgramId_Order",
                table: "ProgramItems",
                columns: new[] { "ProgramId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgramVersions_ProgramId_Edition",
                table: "ProgramVersions",
                columns: new[] { "ProgramId", "Edition" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkPrograms_CommuneId_Year",
                table: "WorkPrograms",
                columns: new[] { "CommuneId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkPrograms_ParentProgramId",
                table: "WorkPrograms",
                column: "ParentProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkPrograms_ProvinceId_Year",
                table: "WorkPrograms",
                columns: new[] { "ProvinceId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkPrograms_UnitId_Year_Kind",
                table: "WorkPrograms",
                columns: new[] { "UnitId", "Year", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgramBases");

            migrationBuilder.DropTable(
                name: "ProgramEvents");

            migrationBuilder.DropTable(
                name: "ProgramItemProgress");

            migrationBuilder.DropTable(
                name: "ProgramVersions");

            migrationBuilder.DropTable(
                name: "ProgramItems");

            migrationBuilder.DropTable(
                name: "WorkPrograms");
        }
    }
}
