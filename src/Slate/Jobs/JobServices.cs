namespace Slate.Jobs;

public static class JobServices
{
    /// <summary>The job queue, its workers, and the server's in-process workers (SLATE_JOB_WORKERS).</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobSignal>();
        services.AddScoped<JobQueue>();
        services.AddScoped<JobStore>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobWorkers>();
        services.AddHostedService<JobWorkerService>();
        return services;
    }

    /// <summary>Registers the handler of one kind of job; it is resolved in each run's own scope.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services) where THandler : class, IJobHandler =>
        services.AddScoped<IJobHandler, THandler>();
}
