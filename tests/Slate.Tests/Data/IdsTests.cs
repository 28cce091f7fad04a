using Slate.Domain;

namespace Slate.Tests.Data;

/// <summary>New row ids are random version 4 UUIDs, as Zou's uuid4, though cut from a pooled buffer.</summary>
public class IdsTests
{
    [Fact]
    public void New_ids_are_distinct_version_4_uuids_across_pool_refills_and_threads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 1000; i++) ids.Add(Ids.New()); // several refills of the 256-id pool per thread
        });
        Assert.Equal(4000, ids.Distinct().Count());
        foreach (var text in ids.Select(id => id.ToString()))
        {
            Assert.Equal('4', text[14]);
            Assert.Contains(text[19], "89ab");
        }
        var (first, second) = (new Person(), new Person());
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal('4', first.Id.ToString()[14]);
    }
}
