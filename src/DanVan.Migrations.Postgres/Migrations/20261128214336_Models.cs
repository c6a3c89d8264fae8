using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Models : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelFields",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameDe = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsCore = table.Column<bool>(type: "boolean", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelFields", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResultIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameDe = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Measure = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    MeasureEn = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    MeasureDe = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    WholeNumbers = table.Column<bool>(type: "boolean", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultIndicators", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Models",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    FieldId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Situation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Goals = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AreaAndBeneficiaries = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Forces = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Resources = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Timeline = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Outputs = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Sustainability = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EvaluationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    TargetGroup = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Tags = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PersonName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PublishPersonName = table.Column<bool>(type: "boolean", nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LaunchedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LaunchCommitments = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    InspectionFindings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecognitionLevel = table.Column<int>(type: "integer", nullable: true),
                    RecognitionDecision = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RecognizedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecognitionIssuer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    NotRecognizedReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CommendationForm = table.Column<int>(type: "integer", nullable: true),
                    CommendationDecision = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CommendedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CommendationIssuer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    StatusNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Models", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Models_ModelFields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "ModelFields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Models_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Models_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ModelEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModelId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<int>(type: "integer", nullable: false),
                    To = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: true),
                    AccountId = table.Column<int>(type: "integer", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelEvents_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModelResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModelId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Target = table.Column<double>(type: "double precision", nullable: true),
                    Actual = table.Column<double>(type: "double precision", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelResults_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ModelResults_ResultIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "ResultIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelEvents_CommuneId",
                table: "ModelEvents",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelEvents_ModelId_Id",
                table: "ModelEvents",
                columns: new[] { "ModelId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelEvents_ProvinceId",
                table: "ModelEvents",
                column: "ProvinceId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelEvents_VillageId",
                table: "ModelEvents",
                column: "VillageId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelFields_Code",
                table: "ModelFields",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelResults_CommuneId_IndicatorId",
                table: "ModelResults",
                columns: new[] { "CommuneId", "IndicatorId" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelResults_IndicatorId",
                table: "ModelResults",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelResults_ModelId_IndicatorId_Year",
                table: "ModelResults",
                columns: new[] { "ModelId", "IndicatorId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelResults_ProvinceId_IndicatorId",
                table: "ModelResults",
                columns: new[] { "ProvinceId", "IndicatorId" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelResults_VillageId_IndicatorId",
                table: "ModelResults",
                columns: new[] { "VillageId", "IndicatorId" });

            migrationBuilder.CreateIndex(
                name: "IX_Models_CommuneId_Status",
                table: "Models",
                columns: new[] { "CommuneId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Models_FieldId",
                table: "Models",
                column: "FieldId");

            migrationBuilder.CreateIndex(
                name: "IX_Models_OrganizationId",
                table: "Models",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Models_ProvinceId_Status",
                table: "Models",
                columns: new[] { "ProvinceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Models_UnitId",
                table: "Models",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Models_VillageId_Status",
                table: "Models",
                columns: new[] { "VillageId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ResultIndicators_Code",
                table: "ResultIndicators",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelEvents");

            migrationBuilder.DropTable(
                name: "ModelResults");

            migrationBuilder.DropTable(
                name: "Models");

            migrationBuilder.DropTable(
                name: "ResultIndicators");

            migrationBuilder.DropTable(
                name: "ModelFields");
        }
    }
}
