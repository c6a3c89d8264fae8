using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsWorkingDay = table.Column<bool>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Dialogues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Format = table.Column<int>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    OnlineLink = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChairName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChairPosition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ChairOrganization = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CoChairs = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    HeldByPartyHead = table.Column<bool>(type: "INTEGER", nullable: false),
                    CitizenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficialCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendanceList = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Conclusions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NoticePublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResultsPublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Urgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EmailedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameDe = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ResponseDays = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Petitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true),
                    HandlingUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: true),
                    ParentPetitionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PetitionerKind = table.Column<int>(type: "INTEGER", nullable: false),
                    PetitionerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PetitionerPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    PetitionerAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PetitionerIdNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ErasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    AssignedOrganizationId = table.Column<int>(type: "INTEGER", nullable: true),
                    AssignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExtensionRequestedTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExtensionReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DaysToAnswer = table.Column<int>(type: "INTEGER", nullable: true),
                    AnsweredOnTime = table.Column<bool>(type: "INTEGER", nullable: true),
                    LateExplanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnswerPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosingNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RedirectedAs = table.Column<int>(type: "INTEGER", nullable: true),
                    RedirectReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CitizenVerdict = table.Column<int>(type: "INTEGER", nullable: true),
                    OverdueNotifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EscalatedToUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    EscalatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false)
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
