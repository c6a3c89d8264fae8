using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Responsibilities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Responsibilities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    GroupName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    HolderCadreId = table.Column<int>(type: "integer", nullable: true),
                    HolderOrganizationId = table.Column<int>(type: "integer", nullable: true),
                    FromOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ToOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LastVisitOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Responsibilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Responsibilities_Cadres_HolderCadreId",
                        column: x => x.HolderCadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Responsibilities_Organizations_HolderOrganizationId",
                        column: x => x.HolderOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Responsibilities_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ResponsibilityVisits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResponsibilityId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Done = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Issues = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PetitionId = table.Column<int>(type: "integer", nullable: true),
                    ModelId = table.Column<int>(type: "integer", nullable: true),
                    FiledById = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponsibilityVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResponsibilityVisits_Accounts_FiledById",
                        column: x => x.FiledById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ResponsibilityVisits_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ResponsibilityVisits_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ResponsibilityVisits_Responsibilities_ResponsibilityId",
                        column: x => x.ResponsibilityId,
                        principalTable: "Responsibilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResponsibilityVisits_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Responsibilities_CommuneId_FromOn",
                table: "Responsibilities",
                columns: new[] { "CommuneId", "FromOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Responsibilities_HolderCadreId",
                table: "Responsibilities",
                column: "HolderCadreId");

            migrationBuilder.CreateIndex(
                name: "IX_Responsibilities_HolderOrganizationId",
                table: "Responsibilities",
                column: "HolderOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Responsibilities_ProvinceId_FromOn",
                table: "Responsibilities",
                columns: new[] { "ProvinceId", "FromOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Responsibilities_UnitId_FromOn",
                table: "Responsibilities",
                columns: new[] { "UnitId", "FromOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ResponsibilityVisits_FiledById",
                table: "ResponsibilityVisits",
                column: "FiledById");

            migrationBuilder.CreateIndex(
                name: "IX_ResponsibilityVisits_ModelId",
                table: "ResponsibilityVisits",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponsibilityVisits_PetitionId",
                table: "ResponsibilityVisits",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponsibilityVisits_ResponsibilityId_VisitedOn",
                table: "ResponsibilityVisits",
                columns: new[] { "ResponsibilityId", "VisitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ResponsibilityVisits_UnitId",
                table: "ResponsibilityVisits",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResponsibilityVisits");

            migrationBuilder.DropTable(
                name: "Responsibilities");
        }
    }
}
