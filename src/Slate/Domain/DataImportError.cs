using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("data_import_error")]
public class DataImportError : Model
{
    [Required] public JsonNode EventData { get; set; } = new JsonObject();
    [MaxLength(255)] public string? Source { get; set; }
}
