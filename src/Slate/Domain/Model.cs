namespace Slate.Domain;

/// <summary>The columns every Zou model shares: a UUID key and naive-UTC timestamps.</summary>
public abstract class Model
{
    public Guid Id { get; set; } = Ids.New();
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}
