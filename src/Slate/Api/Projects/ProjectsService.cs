using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Projects;

/// <summary>
/// The projects blueprint's listings and team (behavior-production.md §2.4-2.5,
/// behavior-platform.md §3.2): open projects with what Kitsu needs to draw them, every project,
/// and who is in a project's team with which per-project role. Team changes are for the
/// project's managers and tell its clients to refetch it (project:update).
/// </summary>
public sealed class ProjectsService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer)
{
    /// <summary>Zou's open_projects for admins matches these status names.</summary>
    public static readonly string[] OpenStatusNames = ["Active", "open", "Open"];

    /// <summary>Zou's ProjectRole: a team link may carry any role but admin.</summary>
    static readonly string[] ProjectRoles = ["user", "supervisor", "manager", "client", "vendor"];

    /// <summary>
    /// Open projects (admins: all of them; others: those whose team holds them), each with its
    /// relations, descriptors, task type priorities, task status links and a tvshow's first episode.
    /// Clients get the descriptors opened to clients; vendors those of no department or of theirs
    /// (by their role in each project).
    /// </summary>
    public async Task<JsonArray> OpenProjectsAsync(string? name)
    {
        Dictionary<Guid, string> roles;
        IQueryable<Project> query;
        if (permissions.IsAdmin)
        {
            query = db.Projects.Where(p => db.ProjectStatuses.Any(s => s.Id == p.ProjectStatusId && OpenStatusNames.Contains(s.Name)));
            roles = [];
        }
        else
        {
            roles = (await permissions.OpenTeamRolesAsync()).ToDictionary(p => p.Project, p => p.Role);
            var ids = roles.Keys.ToList();
            query = db.Projects.Where(p => ids.Contains(p.Id));
        }
        if (name is not null) query = query.Where(p => p.Name == name);
        var projects = await query.AsNoTracking().OrderBy(p => p.Name).ToListAsync();
        var projectIds = projects.Select(p => p.Id).ToList();

        var departments = roles.ContainsValue("vendor") ? await permissions.DepartmentIdsAsync() : [];
        var descriptors = (await DescriptorsAsync(db.MetadataDescriptors.Where(d => projectIds.Contains(d.ProjectId)))).ToLookup(d => d.Row.ProjectId);
        var typeLinks = (await db.ProjectTaskTypeLinks.AsNoTracking().Where(l => projectIds.Contains(l.ProjectId)).ToListAsync()).ToLookup(l => l.ProjectId);
        var statusLinks = (await db.ProjectTaskStatusLinks.AsNoTracking().Where(l => projectIds.Contains(l.ProjectId)).ToListAsync()).ToLookup(l => l.ProjectId);
        var firstEpisodes = await FirstEpisodesAsync(projects.Where(p => p.ProductionType == "tvshow").Select(p => p.Id).ToList());

        var objects = await serializer.ObjectsAsync(projects, relations: true);
        for (var i = 0; i < projects.Count; i++)
        {
            var project = projects[i].Id;
            var role = roles.GetValueOrDefault(project);
            objects[i]["descriptors"] = new JsonArray(descriptors[project]
                .Where(d => role switch
                {
                    "client" => d.Row.ForClient == true,
                    "vendor" => d.Departments.Count == 0 || d.Departments.Intersect(departments).Any(),
                    _ => true,
                })
                .Select(d => (JsonNode)d.Json.DeepClone()).ToArray());
            objects[i]["task_types_priority"] = new JsonObject(typeLinks[project]
                .Select(l => KeyValuePair.Create(ZouSerializer.Uuid(l.TaskTypeId), (JsonNode?)l.Priority)));
            objects[i]["task_statuses_link"] = new JsonObject(statusLinks[project]
                .Select(l => KeyValuePair.Create(ZouSerializer.Uuid(l.TaskStatusId), (JsonNode?)new JsonObject
                {
                    ["priority"] = l.Priority,
                    ["roles_for_board"] = ZouSerializer.Value(l.RolesForBoard ?? []),
                })));
            if (firstEpisodes.TryGetValue(project, out var episode)) objects[i]["first_episode_id"] = ZouSerializer.Uuid(episode);
        }
        return new JsonArray([.. objects]);
    }

    /// <summary>
    /// Every project for admins, with its status name and its Project descriptors; the projects
    /// whose team holds the caller for others. A name gives the one project of that name (any case).
    /// </summary>
    public async Task<JsonArray> AllProjectsAsync(string? name)
    {
        IQueryable<Project> query = db.Projects.AsNoTracking();
        if (!permissions.IsAdmin)
        {
            var team = await permissions.TeamProjectIdsAsync();
            query = query.Where(p => team.Contains(p.Id));
        }
        if (name is not null)
        {
            var lower = name.ToLower();
            var project = await query.Where(p => p.Name.ToLower() == lower).OrderBy(p => p.Name).FirstOrDefaultAsync()
                ?? throw new NotFoundException();
            return [await serializer.RowAsync(project)];
        }
        var projects = await query.OrderBy(p => p.Name).ToListAsync();
        var objects = await serializer.ObjectsAsync(projects);
        if (!permissions.IsAdmin) return new JsonArray([.. objects]);

        var statuses = await db.ProjectStatuses.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var descriptors = (await DescriptorsAsync(db.MetadataDescriptors.Where(d => d.EntityType == "Project"))).ToLookup(d => d.Row.ProjectId);
        for (var i = 0; i < projects.Count; i++)
        {
            var project = projects[i];
            objects[i]["project_status_name"] = project.ProjectStatusId is { } status ? statuses.GetValueOrDefault(status) : null;
            objects[i]["descriptors"] = new JsonArray(descriptors[project.Id]
                .Select(d => (JsonNode)d.Json.DeepClone()).ToArray());
        }
        return new JsonArray([.. objects]);
    }

    /// <summary>The team, each with its project role (null: the global role applies); full safe persons for managers only.</summary>
    public async Task<JsonArray> TeamAsync(string projectId)
    {
        var project = await ProjectAsync(projectId, permissions.CheckProjectAccessAsync);
        var members = await db.ProjectPersonLinks.AsNoTracking()
            .Where(l => l.ProjectId == project.Id)
            .Join(db.Persons, l => l.PersonId, p => p.Id, (l, p) => new { Person = p, l.Role })
            .OrderBy(m => m.Person.FirstName).ThenBy(m => m.Person.LastName)
            .ToListAsync();
        var manager = await permissions.IsManagerOfAsync(project.Id);
        var persons = await serializer.ObjectsAsync(members.Select(m => m.Person).ToList(), relations: true);
        for (var i = 0; i < persons.Count; i++)
        {
            var person = manager ? Presentations.SafePerson(persons[i], withSalary: permissions.IsAdmin) : Presentations.MinimalPerson(persons[i]);
            person["project_role"] = members[i].Role;
        }
        return new JsonArray([.. persons]);
    }

    /// <summary>Adds a person to the team (with a project role when given); the project, without relations.</summary>
    public async Task<JsonObject> AddTeamMemberAsync(string projectId, JsonObject body)
    {
        var personText = RequestBody.RequiredText(body, "person_id");
        var role = ProjectRole(body);
        var project = await ProjectAsync(projectId, permissions.CheckManagerOfAsync);
        if (!Values.TryUuid(personText, out var personId) || !await db.Persons.AnyAsync(p => p.Id == personId))
            throw new WrongParameterException($"Person with id {personText} not found");

        var link = await db.ProjectPersonLinks.FirstOrDefaultAsync(l => l.ProjectId == project.Id && l.PersonId == personId);
        if (link is null) db.ProjectPersonLinks.Add(link = new ProjectPersonLink { ProjectId = project.Id, PersonId = personId });
        if (role is not null) link.Role = role;
        events.Emit("project:update", new JsonObject(), project.Id);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(project);
    }

    /// <summary>Sets a member's project role (null: back to their global role); 400 for a person outside the team.</summary>
    public async Task<JsonObject> SetTeamRoleAsync(string projectId, string personId, JsonObject body)
    {
        var role = ProjectRole(body);
        var project = await ProjectAsync(projectId, permissions.CheckManagerOfAsync);
        var person = PathId(personId);
        var link = await db.ProjectPersonLinks.FirstOrDefaultAsync(l => l.ProjectId == project.Id && l.PersonId == person)
            ?? throw new WrongParameterException("Person is not a member of the project team");
        link.Role = role;
        events.Emit("project:update", new JsonObject(), project.Id);
        await db.SaveChangesAsync();
        return new JsonObject
        {
            ["project_id"] = ZouSerializer.Uuid(project.Id),
            ["person_id"] = ZouSerializer.Uuid(person),
            ["role"] = role,
        };
    }

    /// <summary>Takes a person out of the team; nothing to do when they are not in it.</summary>
    public async Task RemoveTeamMemberAsync(string projectId, string personId)
    {
        var project = await ProjectAsync(projectId, permissions.CheckManagerOfAsync);
        var person = PathId(personId);
        var link = await db.ProjectPersonLinks.FirstOrDefaultAsync(l => l.ProjectId == project.Id && l.PersonId == person);
        if (link is not null) db.ProjectPersonLinks.Remove(link);
        events.Emit("project:update", new JsonObject(), project.Id);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The project of a path: 400 for a malformed id, then the caller's check (403), then 404 when
    /// it does not exist (an outsider learns nothing about which ids exist).
    /// </summary>
    public async Task<Project> ProjectAsync(string projectId, Func<Guid?, Task> check)
    {
        var id = PathId(projectId);
        await check(id);
        return await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();
    }

    public static Guid PathId(string text) => Values.TryUuid(text, out var id) ? id : throw new WrongParameterException("Malformed ID.");

    /// <summary>An id Zou checks with check_id_parameter (path or query argument): 400 "Wrong UUID format." when malformed.</summary>
    public static Guid ArgumentId(string text) => Values.TryUuid(text, out var id) ? id : throw new WrongParameterException("Wrong UUID format.");

    /// <summary>The body's optional "role": a project role, or null; admin is global only.</summary>
    static string? ProjectRole(JsonObject body) => RequestBody.OptionalText(body, "role") switch
    {
        null => null,
        "admin" => throw new WrongParameterException("admin is a global role and cannot be set per project"),
        var role when ProjectRoles.Contains(role) => role,
        var role => throw new WrongParameterException($"{role} is not a role"),
    };

    /// <summary>Descriptors as the project listings embed them, with their department ids, in one query each.</summary>
    async Task<List<(MetadataDescriptor Row, List<Guid> Departments, JsonObject Json)>> DescriptorsAsync(IQueryable<MetadataDescriptor> query)
    {
        var rows = await query.AsNoTracking().OrderBy(d => d.Position).ThenBy(d => d.Name).ToListAsync();
        var ids = rows.Select(d => d.Id).ToList();
        var links = (await db.DepartmentMetadataDescriptorLinks.AsNoTracking().Where(l => ids.Contains(l.MetadataDescriptorId)).ToListAsync())
            .ToLookup(l => l.MetadataDescriptorId, l => l.DepartmentId);
        return [.. rows.Select(d =>
        {
            var departments = links[d.Id].ToList();
            return (d, departments, new JsonObject
            {
                ["id"] = ZouSerializer.Uuid(d.Id),
                ["name"] = d.Name,
                ["field_name"] = d.FieldName,
                ["data_type"] = d.DataType,
                ["choices"] = d.Choices?.DeepClone(),
                ["for_client"] = d.ForClient ?? false,
                ["entity_type"] = d.EntityType,
                ["task_type_id"] = d.TaskTypeId is { } taskType ? ZouSerializer.Uuid(taskType) : null,
                ["position"] = d.Position,
                ["departments"] = new JsonArray([.. departments.Select(id => (JsonNode)ZouSerializer.Uuid(id))]),
            });
        })];
    }

    /// <summary>Each tvshow's first running episode by name, else its first episode by name.</summary>
    async Task<Dictionary<Guid, Guid>> FirstEpisodesAsync(List<Guid> projectIds)
    {
        if (projectIds.Count == 0) return [];
        var episodes = await db.Entities.AsNoTracking()
            .Where(e => projectIds.Contains(e.ProjectId))
            .Join(db.EntityTypes.Where(t => t.Name == EntityKinds.Episode), e => e.EntityTypeId, t => t.Id, (e, t) => new { e.Id, e.ProjectId, e.Name, e.Status })
            .ToListAsync();
        return episodes
            .GroupBy(e => e.ProjectId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Status == "running" ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal).First().Id);
    }
}
