using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Projects;

/// <summary>
/// The projects blueprint (behavior-production.md §2.4-2.7), in Zou's order: listings, team and
/// settings, custom columns, time, schedules, budgets. Rules live in <see cref="ProjectsService"/>,
/// <see cref="ProjectSettingsService"/>, <see cref="MetadataDescriptorsService"/>, <see cref="ProjectTimeService"/>,
/// <see cref="ScheduleService"/>, <see cref="ScheduleVersionsService"/> and <see cref="BudgetsService"/>.
/// </summary>
public static class ProjectsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/projects/open", async (string? name, ProjectsService projects) =>
                ZouJson.Result(await projects.OpenProjectsAsync(name)))
            .WithSummary("Open projects (the caller's for non-admins) with descriptors, task type priorities and status links");
        routes.Get("/data/projects/all", async (string? name, ProjectsService projects) =>
                ZouJson.Result(await projects.AllProjectsAsync(name)))
            .WithSummary("Every project with its status name for admins; the caller's team projects for others");
        routes.Get("/data/projects/{project_id}/team", async (string project_id, ProjectsService projects) =>
                ZouJson.Result(await projects.TeamAsync(project_id)))
            .WithSummary("The project's team, each with their project role");
        routes.Post("/data/projects/{project_id}/team", async (string project_id, HttpRequest request, ProjectsService projects) =>
                ZouJson.Result(await projects.AddTeamMemberAsync(project_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Add a person to the project's team, with an optional project role");
        routes.Get("/data/projects/{project_id}/task-types", async (string project_id, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.ListAsync<ProjectTaskTypeLink, TaskType>(project_id, managersOnly: false)))
            .WithSummary("The task types the project uses");
        routes.Get("/data/projects/{project_id}/task-types/{task_type_id}/time-spents", async (string project_id, string task_type_id, string? start_date, string? end_date, ProjectTimeService time) =>
                ZouJson.Result(await time.TaskTypeTimeSpentsAsync(project_id, task_type_id, start_date, end_date)))
            .WithSummary("The time spents on the project's tasks of a task type, by person, latest first (its managers)");
        routes.Get("/data/projects/{project_id}/day-offs", async (string project_id, string? start_date, string? end_date, ProjectTimeService time) =>
                ZouJson.Result(await time.DayOffsAsync(project_id, start_date, end_date)))
            .WithSummary("The day offs of the project's team, by person, within optional dates (not for vendors and clients)");
        routes.Put("/data/projects/{project_id}/team/{person_id}", async (string project_id, string person_id, HttpRequest request, ProjectsService projects) =>
                ZouJson.Result(await projects.SetTeamRoleAsync(project_id, person_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Set or reset a team member's role in the project");
        routes.Delete("/data/projects/{project_id}/team/{person_id}", async (string project_id, string person_id, ProjectsService projects) =>
            {
                await projects.RemoveTeamMemberAsync(project_id, person_id);
                return Results.NoContent();
            })
            .WithSummary("Remove a person from the project's team");
        routes.Post("/data/projects/{project_id}/settings/asset-types", async (string project_id, HttpRequest request, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.AddAsync<ProjectAssetTypeLink, EntityType>(project_id, await RequestBody.ReadFieldsAsync(request), "asset_type_id"), StatusCodes.Status201Created))
            .WithSummary("Add an asset type to the project");
        routes.Delete("/data/projects/{project_id}/settings/asset-types/{asset_type_id}", async (string project_id, string asset_type_id, ProjectSettingsService settings) =>
            {
                await settings.RemoveAsync<ProjectAssetTypeLink>(project_id, asset_type_id);
                return Results.NoContent();
            })
            .WithSummary("Remove an asset type from the project");
        routes.Post("/data/projects/{project_id}/settings/task-types", async (string project_id, HttpRequest request, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.AddTaskTypeAsync(project_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Add a task type to the project, with an optional priority");
        routes.Delete("/data/projects/{project_id}/settings/task-types/{task_type_id}", async (string project_id, string task_type_id, ProjectSettingsService settings) =>
            {
                await settings.RemoveAsync<ProjectTaskTypeLink>(project_id, task_type_id);
                return Results.NoContent();
            })
            .WithSummary("Remove a task type from the project");
        routes.Get("/data/projects/{project_id}/settings/task-status", async (string project_id, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.ListAsync<ProjectTaskStatusLink, ProductionTaskStatus>(project_id, managersOnly: false)))
            .WithSummary("The task statuses the project uses");
        routes.Post("/data/projects/{project_id}/settings/task-status", async (string project_id, HttpRequest request, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.AddAsync<ProjectTaskStatusLink, ProductionTaskStatus>(project_id, await RequestBody.ReadFieldsAsync(request), "task_status_id"), StatusCodes.Status201Created))
            .WithSummary("Add a task status to the project");
        routes.Delete("/data/projects/{project_id}/settings/task-status/{task_status_id}", async (string project_id, string task_status_id, ProjectSettingsService settings) =>
            {
                await settings.RemoveAsync<ProjectTaskStatusLink>(project_id, task_status_id);
                return Results.NoContent();
            })
            .WithSummary("Remove a task status from the project");
        routes.Post("/data/projects/{project_id}/settings/batch", async (string project_id, HttpRequest request, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.BatchAsync(project_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Add task types, task statuses and asset types to the project at once");
        routes.Get("/data/projects/{project_id}/settings/status-automations", async (string project_id, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.ListAsync<ProjectStatusAutomationLink, StatusAutomation>(project_id, managersOnly: true)))
            .WithSummary("The status automations the project uses (its managers)");
        routes.Post("/data/projects/{project_id}/settings/status-automations", async (string project_id, HttpRequest request, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.AddAsync<ProjectStatusAutomationLink, StatusAutomation>(project_id, await RequestBody.ReadFieldsAsync(request), "status_automation_id"), StatusCodes.Status201Created))
            .WithSummary("Add a status automation to the project");
        routes.Delete("/data/projects/{project_id}/settings/status-automations/{status_automation_id}", async (string project_id, string status_automation_id, ProjectSettingsService settings) =>
            {
                await settings.RemoveAsync<ProjectStatusAutomationLink>(project_id, status_automation_id);
                return Results.NoContent();
            })
            .WithSummary("Remove a status automation from the project");
        routes.Delete("/data/projects/{project_id}/settings/preview-background-files/{preview_background_file_id}", async (string project_id, string preview_background_file_id, ProjectSettingsService settings) =>
            {
                await settings.RemoveAsync<ProjectPreviewBackgroundFileLink>(project_id, preview_background_file_id);
                return Results.NoContent();
            })
            .WithSummary("Remove a preview background from the project");
        routes.Get("/data/projects/{project_id}/settings/preview-background-files", async (string project_id, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.ListAsync<ProjectPreviewBackgroundFileLink, PreviewBackgroundFile>(project_id, managersOnly: false)))
            .WithSummary("The preview backgrounds the project uses");
        routes.Post("/data/projects/{project_id}/settings/preview-background-files", async (string project_id, HttpRequest request, ProjectSettingsService settings) =>
                ZouJson.Result(await settings.AddAsync<ProjectPreviewBackgroundFileLink, PreviewBackgroundFile>(project_id, await RequestBody.ReadFieldsAsync(request), "preview_background_file_id"), StatusCodes.Status201Created))
            .WithSummary("Add a preview background to the project");
        routes.Get("/data/projects/{project_id}/metadata-descriptors", async (string project_id, MetadataDescriptorsService descriptors) =>
                ZouJson.Result(await descriptors.ListAsync(project_id)))
            .WithSummary("The project's custom columns the caller may see");
        routes.Post("/data/projects/{project_id}/metadata-descriptors", async (string project_id, HttpRequest request, MetadataDescriptorsService descriptors) =>
                ZouJson.Result(await descriptors.CreateAsync(project_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Add a custom column to the project");
        routes.Post("/data/projects/{project_id}/metadata-descriptors/reorder", async (string project_id, HttpRequest request, MetadataDescriptorsService descriptors) =>
                ZouJson.Result(await descriptors.ReorderAsync(project_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Order the project's custom columns of a kind");
        routes.Get("/data/projects/{project_id}/metadata-descriptors/{metadata_descriptor_id}", async (string project_id, string metadata_descriptor_id, MetadataDescriptorsService descriptors) =>
                ZouJson.Result(await descriptors.GetAsync(project_id, metadata_descriptor_id)))
            .WithSummary("One custom column of the project");
        routes.Put("/data/projects/{project_id}/metadata-descriptors/{metadata_descriptor_id}", async (string project_id, string metadata_descriptor_id, HttpRequest request, MetadataDescriptorsService descriptors) =>
                ZouJson.Result(await descriptors.UpdateAsync(project_id, metadata_descriptor_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Change a custom column; a new name moves its stored values");
        routes.Delete("/data/projects/{project_id}/metadata-descriptors/{metadata_descriptor_id}", async (string project_id, string metadata_descriptor_id, MetadataDescriptorsService descriptors) =>
            {
                await descriptors.DeleteAsync(project_id, metadata_descriptor_id);
                return Results.NoContent();
            })
            .WithSummary("Delete a custom column and its stored values");
        routes.Post("/data/metadata-descriptors/all-projects", async (HttpRequest request, MetadataDescriptorsService descriptors) =>
                ZouJson.Result(await descriptors.CreateOnProjectsAsync(await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Add a custom column to every open project the caller manages");
        routes.Post("/actions/metadata-descriptors/all-projects/reorder", async (HttpRequest request, MetadataDescriptorsService descriptors) =>
                ZouJson.Result(await descriptors.ReorderOnProjectsAsync(await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Order a kind's custom columns by field name in every open project the caller manages");
        routes.Put("/data/metadata-descriptors/all-projects/{field_name}", async (string field_name, HttpRequest request, MetadataDescriptorsService descriptors) =>
                ZouJson.Result(await descriptors.UpdateOnProjectsAsync(field_name, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Change a custom column in every open project the caller manages");
        routes.Delete("/data/metadata-descriptors/all-projects/{field_name}", async (string field_name, string? entity_type, MetadataDescriptorsService descriptors) =>
                ZouJson.Result(await descriptors.DeleteOnProjectsAsync(field_name, entity_type)))
            .WithSummary("Delete a custom column and its values from every open project the caller manages");
        routes.Get("/data/projects/{project_id}/milestones", async (string project_id, ScheduleService schedule) =>
                ZouJson.Result(await schedule.MilestonesAsync(project_id)))
            .WithSummary("The project's milestones (its team but vendors)");
        routes.Get("/data/projects/{project_id}/schedule-items", async (string project_id, ScheduleService schedule) =>
                ZouJson.Result(await schedule.ItemsAsync(project_id)))
            .WithSummary("Every schedule item of the project (its team but vendors)");
        routes.Get("/data/projects/{project_id}/schedule-items/task-types", async (string project_id, ScheduleService schedule) =>
                ZouJson.Result(await schedule.TaskTypeItemsAsync(project_id)))
            .WithSummary("One schedule item per task type the project's tasks use, created when missing");
        routes.Get("/data/projects/{project_id}/schedule-items/{task_type_id}/asset-types", async (string project_id, string task_type_id, string? episode_id, ScheduleService schedule) =>
                ZouJson.Result(await schedule.AssetTypeItemsAsync(project_id, task_type_id, episode_id)))
            .WithSummary("A task type's schedule items per asset type of the project (or episode), created when missing");
        routes.Get("/data/projects/{project_id}/schedule-items/{task_type_id}/edits", async (string project_id, string task_type_id, string? episode_id, ScheduleService schedule) =>
                ZouJson.Result(await schedule.EditItemsAsync(project_id, task_type_id, episode_id)))
            .WithSummary("A task type's schedule items per edit of the project (or episode), created when missing");
        routes.Get("/data/projects/{project_id}/schedule-items/{task_type_id}/episodes", async (string project_id, string task_type_id, string? episode_id, ScheduleService schedule) =>
                ZouJson.Result(await schedule.EpisodeItemsAsync(project_id, task_type_id, episode_id)))
            .WithSummary("A task type's schedule items per episode of the project, created when missing");
        routes.Get("/data/projects/{project_id}/schedule-items/{task_type_id}/sequences", async (string project_id, string task_type_id, string? episode_id, ScheduleService schedule) =>
                ZouJson.Result(await schedule.SequenceItemsAsync(project_id, task_type_id, episode_id)))
            .WithSummary("A task type's schedule items per sequence of the project (or episode), created when missing");
        routes.Get("/data/projects/{project_id}/time-spents", async (string project_id, ProjectTimeService time) =>
                ZouJson.Result(await time.TimeSpentsAsync(project_id)))
            .WithSummary("The time spents on the project's tasks (a vendor or client there: their own)");
        routes.Get("/data/projects/{project_id}/budgets", async (string project_id, BudgetsService budgets) =>
                ZouJson.Result(await budgets.BudgetsAsync(project_id)))
            .WithSummary("The project's budgets (its managers)");
        routes.Post("/data/projects/{project_id}/budgets", async (string project_id, HttpRequest request, BudgetsService budgets) =>
                ZouJson.Result(await budgets.CreateBudgetAsync(project_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Create the project's next budget revision (200, as Zou)");
        routes.Get("/data/projects/{project_id}/budgets/{budget_id}", async (string project_id, string budget_id, BudgetsService budgets) =>
                ZouJson.Result(await budgets.BudgetAsync(project_id, budget_id)))
            .WithSummary("One budget of the project");
        routes.Put("/data/projects/{project_id}/budgets/{budget_id}", async (string project_id, string budget_id, HttpRequest request, BudgetsService budgets) =>
                ZouJson.Result(await budgets.UpdateBudgetAsync(project_id, budget_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Rename a budget of the project or change its currency");
        routes.Delete("/data/projects/{project_id}/budgets/{budget_id}", async (string project_id, string budget_id, BudgetsService budgets) =>
            {
                await budgets.DeleteBudgetAsync(project_id, budget_id);
                return Results.NoContent();
            })
            .WithSummary("Delete a budget of the project and its entries");
        routes.Get("/data/projects/{project_id}/budgets/{budget_id}/entries", async (string project_id, string budget_id, BudgetsService budgets) =>
                ZouJson.Result(await budgets.EntriesAsync(project_id, budget_id)))
            .WithSummary("The entries of a budget of the project");
        routes.Post("/data/projects/{project_id}/budgets/{budget_id}/entries", async (string project_id, string budget_id, HttpRequest request, BudgetsService budgets) =>
                ZouJson.Result(await budgets.CreateEntryAsync(project_id, budget_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Add an entry to a budget of the project (200, as Zou)");
        routes.Get("/data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}", async (string project_id, string budget_id, string entry_id, BudgetsService budgets) =>
                ZouJson.Result(await budgets.EntryAsync(project_id, budget_id, entry_id)))
            .WithSummary("One entry of a budget of the project");
        routes.Put("/data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}", async (string project_id, string budget_id, string entry_id, HttpRequest request, BudgetsService budgets) =>
                ZouJson.Result(await budgets.UpdateEntryAsync(project_id, budget_id, entry_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Change an entry of a budget of the project");
        routes.Delete("/data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}", async (string project_id, string budget_id, string entry_id, BudgetsService budgets) =>
            {
                await budgets.DeleteEntryAsync(project_id, budget_id, entry_id);
                return Results.NoContent();
            })
            .WithSummary("Delete an entry of a budget of the project");
        routes.Get("/data/projects/{project_id}/budgets/time-spents", async (string project_id, ProjectTimeService time) =>
                ZouJson.Result(await time.MonthTimeSpentsAsync(project_id)))
            .WithSummary("The project's time spents by department, person and month, with totals (admins)");
        routes.Get("/data/production-schedule-versions/{production_schedule_version_id}/task-links", async (string production_schedule_version_id, string? task_type_id, string? relations, ScheduleVersionsService versions) =>
                ZouJson.Result(await versions.TaskLinksAsync(production_schedule_version_id, task_type_id, relations)))
            .WithSummary("A production schedule version's task links, optionally of one task type (its project's team but vendors and clients)");
        routes.Post("/actions/production-schedule-versions/{production_schedule_version_id}/set-task-links-from-production", async (string production_schedule_version_id, ScheduleVersionsService versions) =>
                ZouJson.Result(await versions.SetTaskLinksFromProductionAsync(production_schedule_version_id)))
            .WithSummary("Fill a schedule version with the dates, estimations and assignees of every task of its project");
        routes.Post("/actions/production-schedule-versions/{production_schedule_version_id}/set-task-links-from-production-schedule-version", async (string production_schedule_version_id, HttpRequest request, ScheduleVersionsService versions) =>
                ZouJson.Result(await versions.SetTaskLinksFromVersionAsync(production_schedule_version_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Copy the task links of another schedule version of the same project");
        routes.Post("/actions/production-schedule-versions/{production_schedule_version_id}/apply-to-production", async (string production_schedule_version_id, ScheduleVersionsService versions) =>
                ZouJson.Result(await versions.ApplyToProductionAsync(production_schedule_version_id)))
            .WithSummary("Write a schedule version's dates and estimations onto its tasks, lock it and make it the project's");
    }
}
