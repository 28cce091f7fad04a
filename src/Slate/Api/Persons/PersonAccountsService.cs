using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Mail;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Persons;

/// <summary>
/// What admins do to people's accounts (Zou's persons blueprint, behavior-platform.md §4.6, §4.8):
/// invitations and reset links, setting a password, turning second factors off, departments and
/// avatars; and the user clearing their own avatar. The caller's role is checked before anything
/// is read, so a refused caller learns nothing about the person. Each change is one save; e-mails
/// leave once it is committed.
/// </summary>
public sealed class PersonAccountsService(
    SlateDb db, ZouSerializer serializer, CurrentUser user, Accounts accounts, ResetTokens resetTokens,
    MailMessages mails, Events events, Media.PictureFiles pictures, ILogger<PersonAccountsService> logger)
{
    /// <summary>Mails the person a link to choose their password, valid 7 days.</summary>
    public async Task<JsonObject> InviteAsync(string personId)
    {
        var person = await HumanAsync(personId);
        var email = EmailOf(person);
        var token = await resetTokens.IssueAsync(person.Id, ResetTokens.InvitationLifetime);
        await db.SaveChangesAsync();
        await mails.InvitationAsync(person, resetTokens.Link(email, token, invitation: true));
        return new JsonObject { ["success"] = true, ["message"] = "Email sent" };
    }

    /// <summary>
    /// The link of the recovery e-mail, for the admin to share by hand: a fresh token valid 2 hours
    /// (only its hash is kept, so an earlier link cannot be given again and stops working).
    /// </summary>
    public async Task<JsonObject> ResetPasswordLinkAsync(string personId)
    {
        var person = await HumanAsync(personId);
        accounts.CheckPasswordChangeAllowed(person, user.Id);
        var email = EmailOf(person);
        var token = await resetTokens.IssueAsync(person.Id, ResetTokens.RecoveryLifetime);
        await db.SaveChangesAsync();
        logger.LogInformation("User {Admin} generated a password reset link for {Email}", user.Person.Email, email);
        return new JsonObject { ["reset_password_link"] = resetTokens.Link(email, token) };
    }

    /// <summary>Sets the person's password (their sessions end) and tells them by e-mail.</summary>
    public async Task<JsonObject> ChangePasswordAsync(string personId, JsonObject body)
    {
        var person = await HumanAsync(personId);
        var password = RequestBody.RequiredText(body, "password");
        var confirmation = RequestBody.RequiredText(body, "password_2");
        accounts.CheckPasswordChangeAllowed(person, user.Id);
        accounts.CheckNewPassword(password, confirmation);
        await accounts.ReplacePasswordAsync(person, password);
        await db.SaveChangesAsync();
        logger.LogWarning("User {Admin} has changed the password of {Email}", user.Person.Email, person.Email);
        await mails.PasswordChangedByAdminAsync(person);
        return new JsonObject { ["success"] = true };
    }

    /// <summary>Turns every second factor of the person off (not another admin's) and tells them.</summary>
    public async Task<JsonObject> DisableTwoFactorAsync(string personId)
    {
        var person = await HumanAsync(personId);
        if (person.Role == "admin" && person.Id != user.Id)
            throw new BadRequestException("An admin can't disable 2FA for other admins.");
        if (person.TotpEnabled != true && person.EmailOtpEnabled != true && person.FidoEnabled != true)
            throw new BadRequestException("Two factor authentication not enabled for this user.");
        person.TotpEnabled = false;
        person.TotpSecret = null;
        person.EmailOtpEnabled = false;
        person.EmailOtpSecret = null;
        person.FidoEnabled = false;
        person.FidoCredentials = null;
        person.OtpRecoveryCodes = null;
        person.PreferredTwoFactorAuthentication = null;
        await db.SaveChangesAsync();
        logger.LogWarning("User {Admin} has disabled the two factor authentication of {Email}", user.Person.Email, person.Email);
        await mails.TwoFactorDisabledByAdminAsync(person);
        return new JsonObject { ["success"] = true };
    }

    /// <summary>Puts the person in the department (once) and answers the person, safe, with departments.</summary>
    public async Task<JsonObject> AddToDepartmentAsync(string personId, JsonObject body)
    {
        user.CheckAdmin();
        var departmentId = RequestBody.OptionalId(body, "department_id")
            ?? throw new ValidationFailedException(("department_id", "Field required"));
        await CheckDepartmentAsync(departmentId);
        var person = await PathPersons.FindAsync(db, personId, refuseBots: false, tracked: true);
        if (!await db.DepartmentLinks.AnyAsync(l => l.PersonId == person.Id && l.DepartmentId == departmentId))
        {
            db.DepartmentLinks.Add(new DepartmentLink { PersonId = person.Id, DepartmentId = departmentId });
            EmitUpdate(person.Id);
            await db.SaveChangesAsync();
        }
        return Presentations.SafePerson(await serializer.RowAsync(person, relations: true));
    }

    /// <summary>Takes the person out of the department (nothing to do when not in it).</summary>
    public async Task RemoveFromDepartmentAsync(string personId, string departmentId)
    {
        user.CheckAdmin();
        var department = Values.TryUuid(departmentId, out var id) ? id : Guid.Empty;
        await CheckDepartmentAsync(department);
        var person = await PathPersons.FindAsync(db, personId, refuseBots: false, tracked: true);
        if (await db.DepartmentLinks.FirstOrDefaultAsync(l => l.PersonId == person.Id && l.DepartmentId == department) is { } link)
        {
            db.DepartmentLinks.Remove(link);
            EmitUpdate(person.Id);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>An admin clears a person's avatar.</summary>
    public async Task ClearAvatarAsync(string personId)
    {
        user.CheckAdmin();
        await ClearAvatarOfAsync(await PathPersons.FindAsync(db, personId, refuseBots: false, tracked: true));
    }

    /// <summary>A person clears their own avatar (the route refuses bots).</summary>
    public async Task ClearOwnAvatarAsync()
    {
        await ClearAvatarOfAsync(await db.Persons.SingleAsync(p => p.Id == user.Id));
    }

    /// <summary>
    /// has_avatar goes false and the other clients hear of it (person:update); the stored avatar
    /// is removed once that is saved (Zou keeps it unless REMOVE_FILES is set).
    /// </summary>
    async Task ClearAvatarOfAsync(Person person)
    {
        person.HasAvatar = false;
        EmitUpdate(person.Id);
        await db.SaveChangesAsync();
        await pictures.RemoveAsync(Media.PictureFiles.Thumbnails, person.Id);
    }

    void EmitUpdate(Guid personId) =>
        events.Emit("person:update", new JsonObject { ["person_id"] = ZouSerializer.Uuid(personId) }, null);

    /// <summary>For the account actions: admins only, on a person that exists and is not a bot (403, as Zou).</summary>
    async Task<Person> HumanAsync(string personId)
    {
        user.CheckAdmin();
        var person = await PathPersons.FindAsync(db, personId, refuseBots: false, tracked: true);
        return person.IsBot ? throw new PermissionDeniedException() : person;
    }

    async Task CheckDepartmentAsync(Guid departmentId)
    {
        if (!await db.Departments.AnyAsync(d => d.Id == departmentId))
            throw new WrongParameterException("Department ID matches no department");
    }

    /// <summary>Links are built on the e-mail; a person without one cannot be sent or given a link.</summary>
    static string EmailOf(Person person) =>
        person.Email is { Length: > 0 } email ? email : throw new WrongParameterException("This person has no e-mail address.");
}
