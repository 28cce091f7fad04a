using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_preview_background_file_link")]
[PrimaryKey(nameof(ProjectId), nameof(PreviewBackgroundFileId))]
[Index(nameof(ProjectId), Name = "ix_project_preview_background_file_link_project_id")]
[Index(nameof(PreviewBackgroundFileId), Name = "ix_project_preview_background_file_link_preview_background_file_id")]
public class ProjectPreviewBackgroundFileLink
{
    public Guid ProjectId { get; set; }
    public Guid PreviewBackgroundFileId { get; set; }
}
