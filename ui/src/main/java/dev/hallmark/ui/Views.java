package dev.hallmark.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;

/** Loads an {@code fx:root} FXML file beside a view class into that view, which is both root and controller. */
public final class Views {

    private Views() {
    }

    /** Loads {@code fileName} (a resource of the view's package) into {@code view}. */
    public static void load(String fileName, Node view) {
        URL location = view.getClass().getResource(fileName);
        if (location == null) {
            throw new IllegalStateException("FXML missing from the class path: " + fileName);
        }
        FXMLLoader loader = new FXMLLoader(location);
        loader.setRoot(view);
        loader.setController(view);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fileName, e);
        }
    }
}
