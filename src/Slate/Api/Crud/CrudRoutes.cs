using Slate.Api.Crud.Collections;
using Slate.Domain;

namespace Slate.Api.Crud;

/// <summary>
/// Zou's crud blueprint: every /data/&lt;collection&gt; with its model and rules, one line each,
/// in Zou's order. The algorithm is shared (<see cref="CrudService"/>); the lines differ only by
/// the collection's rules.
/// </summary>
public static class CrudRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Collection("persons", new PersonsCollection());
        routes.Collection("project-status", new ReferenceCollection<ProjectStatus>());
        routes.Collection("departments", new ReferenceCollection<Department>());
        routes.Collection("organisations", new OrganisationsCollection());
        routes.Collection("file-status", new ReferenceCollection<FileStatus>());
        routes.Collection("softwares", new ReferenceCollection<Software>());
        routes.Collection("hardware-items", new AdminCollection<HardwareItem>());
        routes.Collection("output-types", new ReferenceCollection<OutputType>());
        routes.Collection("time-spents", new TimeSpentsCollection());
        routes.Collection("day-offs", new DayOffsCollection());
        routes.Collection("custom-actions", new NonVendorListCollection<CustomAction>());
        routes.Collection("events", new AdminCollection<ApiEvent>());
        routes.Collection("notifications", new NotificationsCollection());
        routes.Collection("search-filters", new AdminCollection<SearchFilter>());
        routes.Collection("search-filter-groups", new AdminCollection<SearchFilterGroup>());
        routes.Collection("news", new AdminCollection<News>());
        routes.Collection("subscriptions", new AdminCollection<Subscription>());
        routes.Collection("entity-links", new AdminCollection<EntityLink>());
        routes.Collection("chats", new AdminCollection<Chat>());
        routes.Collection("chat-messages", new AdminCollection<ChatMessage>());
        routes.Collection("studios", new ReferenceCollection<Studio>());
        routes.Collection("salary-scales", new SalaryScalesCollection());
        routes.Collection("budgets", new AdminCollection<Budget>());
        routes.Collection("budget-entries", new AdminCollection<BudgetEntry>());
        routes.Collection("plugins", new AdminCollection<Plugin>());
    }
}
