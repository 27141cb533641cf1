package org.referraldecisions.explorer;

import org.referraldecisions.access.Roles;
import org.referraldecisions.access.SecuritySettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/** What every explorer page knows: who is signed in, what their roles let them open, and how to write values. */
@ControllerAdvice(basePackageClasses = ExplorerModel.class)
class ExplorerModel {

    private static final Display DISPLAY = new Display();

    private final SecuritySettings settings;

    ExplorerModel(SecuritySettings settings) {
        this.settings = settings;
    }

    @ModelAttribute
    void common(Model model) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = who != null && who.isAuthenticated() && !"anonymousUser".equals(who.getName());
        model.addAttribute("fmt", DISPLAY);
        model.addAttribute("signedIn", signedIn);
        model.addAttribute("who", signedIn ? who.getName() : null);
        model.addAttribute("canDecide", has(who, Roles.CALLER));
        model.addAttribute("canRehearse", has(who, Roles.REVIEWER) || has(who, Roles.POLICY_ADMIN));
        model.addAttribute("canTry", has(who, Roles.CALLER) || has(who, Roles.REVIEWER) || has(who, Roles.POLICY_ADMIN));
        model.addAttribute("canReview", has(who, Roles.REVIEWER));
        model.addAttribute("canAdmin", has(who, Roles.POLICY_ADMIN));
        model.addAttribute("jwtMode", settings.jwt());
    }

    static boolean has(Authentication who, String role) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> ("ROLE_" + role).equals(a.getAuthority()));
    }
}
