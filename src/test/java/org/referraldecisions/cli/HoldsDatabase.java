package org.referraldecisions.cli;

import java.sql.Connection;
import java.sql.DriverManager;

/** Run in its own JVM: opens an H2 file database as the running service would, holds it until stdin closes. */
public final class HoldsDatabase {

    private HoldsDatabase() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our stdin
            }
        }
    }
}
