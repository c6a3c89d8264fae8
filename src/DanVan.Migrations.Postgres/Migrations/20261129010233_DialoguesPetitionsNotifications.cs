using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DialoguesPetitionsNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalendarDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    IsWorkingDay = table.Column<bool>(type: "boolean", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Dialogues",
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
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Format = table.Column<int>(type: "integer", nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OnlineLink = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Topic = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ChairName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChairPosition = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ChairOrganization = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CoChairs = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    HeldByPartyHead = table.Column<bool>(type: "boolean", nullable: false),
                    CitizenCount = table.Column<int>(type: "integer", nullable: false),
                    BusinessCount = table.Column<int>(type: "integer", nullable: false),
                    OfficialCount = table.Column<int>(type: "integer", nullable: false),
                    AttendanceList = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Minutes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Conclusions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NoticePublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ResultsPublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dialogues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Dialogues_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Urgent = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EmailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PetitionCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameDe = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ResponseDays = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Petitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    HandlingUnitId = table.Column<int>(type: "integer", nullable: false),
                    TrackingCode = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    DialogueId = table.Column<int>(type: "integer", nullable: true),
                    ParentPetitionId = table.Column<int>(type: "integer", nullable: true),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PetitionerKind = table.Column<int>(type: "integer", nullable: false),
                    PetitionerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PetitionerPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    PetitionerAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PetitionerIdNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ErasedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    AssignedOrganizationId = table.Column<int>(type: "integer", nullable: true),
                    AssignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExtensionRequestedTo = table.Column<DateOnly>(type: "date", nullable: true),
                    ExtensionReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DaysToAnswer = table.Column<int>(type: "integer", nullable: true),
                    AnsweredOnTime = table.Column<bool>(type: "boolean", nullable: true),
                    LateExplanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnswerPublished = table.Column<bool>(type: "boolean", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosingNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RedirectedAs = table.Column<int>(type: "integer", nullable: true),
                    RedirectReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CitizenVerdict = table.Column<int>(type: "integer", nullable: true),
                    OverdueNotifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EscalatedToUnitId = table.Column<int>(type: "integer", nullable: true),
                    EscalatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Petitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Petitions_Dialogues_DialogueId",
                        column: x => x.DialogueId,
                        principalTable: "Dialogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Organizations_AssignedOrganizationId",
                        column: x => x.AssignedOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_PetitionCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "PetitionCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Petitions_ParentPetitionId",
                        column: x => x.ParentPetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Units_EscalatedToUnitId",
                        column: x => x.EscalatedToUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Units_HandlingUnitId",
                        column: x => x.HandlingUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PetitionEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<int>(type: "integer", nullable: false),
                    To = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    AccountId = table.Column<int>(type: "integer", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionEvents_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarDays_Date",
                table: "CalendarDays",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Dialogues_CommuneId_HeldOn",
                table: "Dialogues",
                columns: new[] { "CommuneId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Dialogues_ProvinceId_HeldOn",
                table: "Dialogues",
                columns: new[] { "ProvinceId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Dialogues_UnitId_Type_HeldOn",
                table: "Dialogues",
                columns: new[] { "UnitId", "Type", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AccountId_ReadAt",
                table: "Notifications",
                columns: new[] { "AccountId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmailedAt_ReadAt",
                table: "Notifications",
                columns: new[] { "EmailedAt", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionCategories_Code",
                table: "PetitionCategories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_CommuneId",
                table: "PetitionEvents",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_PetitionId_Id",
                table: "PetitionEvents",
                columns: new[] { "PetitionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_ProvinceId",
                table: "PetitionEvents",
                column: "ProvinceId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_VillageId",
                table: "PetitionEvents",
                column: "VillageId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_AssignedOrganizationId_Status",
                table: "Petitions",
                columns: new[] { "AssignedOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_CategoryId",
                table: "Petitions",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_CommuneId_Status_DueOn",
                table: "Petitions",
                columns: new[] { "CommuneId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_DialogueId",
                table: "Petitions",
                column: "DialogueId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_EscalatedToUnitId",
                table: "Petitions",
                column: "EscalatedToUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_HandlingUnitId",
                table: "Petitions",
                column: "HandlingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ParentPetitionId",
                table: "Petitions",
                column: "ParentPetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ProvinceId_Status_DueOn",
                table: "Petitions",
                columns: new[] { "ProvinceId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Status_DueOn",
                table: "Petitions",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_TrackingCode",
                table: "Petitions",
                column: "TrackingCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_UnitId",
                table: "Petitions",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_VillageId_Status",
                table: "Petitions",
                columns: new[] { "VillageId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarDays");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PetitionEvents");

            migrationBuilder.DropTable(
                name: "Petitions");

            migrationBuilder.DropTable(
                name: "Dialogues");

            migrationBuilder.DropTable(
                name: "PetitionCategories");
        }
    }
}
