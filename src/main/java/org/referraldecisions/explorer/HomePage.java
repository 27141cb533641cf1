package org.referraldecisions.explorer;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.ui.Model;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The explorer's start page, its sign-in page and the page shown when a role does not allow a page. */
@Controller
class HomePage {

    @GetMapping("/explorer")
    String home() {
        return "explorer/home";
    }

    @GetMapping("/explorer/sign-in")
    String signIn() {
        return "explorer/sign-in";
    }

    /** Forwarded to by Spring Security: a role that does not allow the page, or a form without its CSRF token. */
    @RequestMapping("/explorer/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied(HttpServletRequest request, Model model) {
        model.addAttribute("csrf", request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException);
        return "explorer/denied";
    }
}
