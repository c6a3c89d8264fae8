using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Personnel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Cadres",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    AccountId = table.Column<int>(type: "integer", nullable: true),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Sex = table.Column<int>(type: "integer", nullable: false),
                    Ethnicity = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PartyEntryDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TheoryLevel = table.Column<int>(type: "integer", nullable: false),
                    ProfessionalLevel = table.Column<int>(type: "integer", nullable: false),
                    Degree = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CivilServiceGrade = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Awards = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Discipline = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SearchText = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ErasedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cadres", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cadres_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Cadres_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffingQuotas",
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
                    Quota = table.Column<int>(type: "integer", nullable: false),
                    MinTheoryShare = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffingQuotas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffingQuotas_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CadrePositions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CadreId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Post = table.Column<int>(type: "integer", nullable: false),
                    FullTime = table.Column<bool>(type: "boolean", nullable: false),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CadreTheory = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadrePositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CadrePositions_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CadrePositions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CadrePositions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CadrePositions_CadreId_StartOn",
                table: "CadrePositions",
                columns: new[] { "CadreId", "StartOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CadrePositions_CommuneId_StartOn",
                table: "CadrePositions",
                columns: new[] { "CommuneId", "StartOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CadrePositions_OrganizationId_Post_StartOn",
                table: "CadrePositions",
                columns: new[] { "OrganizationId", "Post", "StartOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CadrePositions_ProvinceId_StartOn",
                table: "CadrePositions",
                columns: new[] { "ProvinceId", "StartOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CadrePositions_UnitId",
                table: "CadrePositions",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Cadres_AccountId",
                table: "Cadres",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cadres_CommuneId_Id",
                table: "Cadres",
                columns: new[] { "CommuneId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cadres_ProvinceId_Id",
                table: "Cadres",
                columns: new[] { "ProvinceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cadres_UnitId",
                table: "Cadres",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffingQuotas_ProvinceId_Year",
                table: "StaffingQuotas",
                columns: new[] { "ProvinceId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffingQuotas_UnitId_Year",
                table: "StaffingQuotas",
                columns: new[] { "UnitId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CadrePositions");

            migrationBuilder.DropTable(
                name: "StaffingQuotas");

            migrationBuilder.DropTable(
                name: "Cadres");
        }
    }
}
