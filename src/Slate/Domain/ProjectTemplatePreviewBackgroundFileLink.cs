using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_template_preview_background_file_link")]
[PrimaryKey(nameof(ProjectTemplateId), nameof(PreviewBackgroundFileId))]
[Index(nameof(ProjectTemplateId), Name = "ix_project_template_preview_background_file_link_project_template_id")]
[Index(nameof(PreviewBackgroundFileId), Name = "ix_project_template_preview_background_file_link_preview_background_file_id")]
public class ProjectTemplatePreviewBackgroundFileLink
{
    public Guid ProjectTemplateId { get; set; }
    public Guid PreviewBackgroundFileId { get; set; }
}
