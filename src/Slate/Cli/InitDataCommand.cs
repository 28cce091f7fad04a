using Slate.Data;

namespace Slate.Cli;

/// <summary>`init-data [--domain 2d|3d|vfx|games]`: Zou's starting statuses and types.</summary>
public sealed class InitDataCommand : Command
{
    public override string Name => "init-data";
    public override string Summary => "Create the statuses, types and departments a studio needs before its first production.";
    public override string Usage => "[--domain 2d|3d|vfx|games]";
    public override string Details => """
        -d, --domain DOMAIN  which departments, task types and asset types to create:
                             2d, 3d (default), vfx or games.
        Project statuses Open and Closed, the entity types of episodes, sequences, shots, edits,
        scenes and concepts, and the task statuses (Todo, WIP, WFA, Retake, Done, Ready To Start;
        Neutral, Approved, Rejected for concepts) come with every domain. Only what is missing is
        created: running it again changes nothing.
        """;

    public override Task<int> Run(string[] args, CommandContext context)
    {
        var arguments = Arguments.Parse(args, [], ("domain", "d"));
        var domain = (arguments.Option("domain") ?? InitialData.DefaultDomain).ToLowerInvariant();
        if (!InitialData.Domains.Contains(domain))
            throw new UsageException($"Unknown domain '{domain}': use {string.Join(", ", InitialData.Domains)}.");
        return context.WithServices(async services =>
        {
            var created = await services.GetRequiredService<InitialData>().Apply(domain, context.Stop);
            context.Out.WriteLine($"Initial data ({domain}): created {created.ProjectStatuses} project statuses, " +
                                  $"{created.EntityTypes} entity types, {created.Departments} departments, " +
                                  $"{created.TaskTypes} task types, {created.TaskStatuses} task statuses.");
            if (created.Total == 0) context.Out.WriteLine("Nothing was missing.");
            return 0;
        });
    }
}
